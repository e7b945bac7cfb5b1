import {
  AuditAction,
  can,
  checkAccessChange,
  checkLoginEmailChange,
  checkProfileEdit,
  checkRevoke,
  checkTeamsChange,
  restrictionsSchema,
  type Member,
  type MemberPatch,
} from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { recordAudit, type AuditEntry } from "../audit/audit.service.js";
import { destroyUserSessions } from "../auth/sessions.service.js";
import { ContactModel } from "../contacts/contact.model.js";
import { AppError, forbidden, notFound, refuseIf } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { UserModel } from "../users/user.model.js";
import { toMember } from "./member-view.js";
import { membershipsOf } from "./membership-cache.js";
import { MembershipModel } from "./membership.model.js";
import { membershipWritesOf, type MembershipWrites } from "./membership-writes.js";
import { assertTeamsExist } from "./workspace-teams.js";

/** The target as this node's membership copy has it (kept in step by events); writes then go by `_id`. */
async function loadActiveMembership(deps: AppDeps, workspaceId: string, userId: string) {
  const membership = await membershipsOf(deps).find(workspaceId, userId);
  if (!membership) throw notFound("Member");
  return membership;
}

const countActiveAdmins = (workspaceId: string) => MembershipModel.countDocuments({ workspaceId, status: "active", roles: "admin" });

/**
 * For the last-admin rule before any write. The rule reads the count only when an admin loses
 * the role, and then it comes from the database, not this node's copy: a copy a moment behind
 * (an admin demoted on another node) would let the write happen, and a refusal after writing is
 * what left a saved profile behind a 409 (issue 10). Otherwise nothing is counted.
 */
const adminsForRule = async (workspaceId: string, losesAdmin: boolean) => (losesAdmin ? countActiveAdmins(workspaceId) : Number.POSITIVE_INFINITY);

/**
 * Without transactions two admins could demote or revoke each other at once and leave none.
 * After such a write we count again; if no admin is left, the write is undone and refused.
 */
async function guardLastAdmin(workspaceId: string, undo: () => Promise<unknown>, message: string) {
  if ((await countActiveAdmins(workspaceId)) > 0) return;
  await undo();
  throw new AppError("LAST_ADMIN", message);
}

/** The profile fields memberships keep copies of, for the members table. */
const COPIED_PROFILE_FIELDS = ["firstName", "lastName", "email", "phone"] as const;

/** The profile checks that need the database, run with the others before any write. */
async function checkProfileChange(userId: string, profile: NonNullable<MemberPatch["profile"]>) {
  const before = await UserModel.findById(userId).lean();
  if (!before) throw notFound("User");
  if (profile.email && profile.email !== before.emailLower && (await UserModel.exists({ emailLower: profile.email }))) {
    throw new AppError("CONFLICT", "Another user already has this e-mail.");
  }
  return before;
}

/** Organization-level profile: updates the user, then, when a copied field changed, the copies on every membership of that user. */
async function updateProfile(writes: MembershipWrites, before: Awaited<ReturnType<typeof checkProfileChange>>, profile: NonNullable<MemberPatch["profile"]>) {
  const userId = String(before._id);
  const set: Record<string, unknown> = { ...profile };
  if (profile.email) set.emailLower = profile.email;
  const user = await UserModel.findByIdAndUpdate(userId, { $set: set }, { new: true }).lean();
  if (!user) throw notFound("User");
  const pick = (u: typeof before) => Object.fromEntries(Object.keys(profile).map((key) => [key, (u as Record<string, unknown>)[key] ?? null]));
  const result = { user, before: pick(before), after: pick(user) };
  if (!COPIED_PROFILE_FIELDS.some((field) => field in profile)) return result;
  // Found once, then written by `_id` (FerretDB's SQLite backend would scan the collection for each `{ userId }` write).
  const name = `${user.firstName} ${user.lastName}`;
  const memberships = await MembershipModel.find({ userId }, { workspaceId: 1, userId: 1 }).lean();
  const copies = { name, nameLower: name.toLowerCase(), emailLower: user.emailLower, phone: user.phone ?? null };
  for (const membership of memberships) await writes.set(membership, copies);
  return result;
}

/**
 * PATCH a member: roles, teams, restrictions, profile. Every rule is checked before the first
 * write, so a refused patch changes nothing. The one refusal that can only come after a write
 * (two admins demoting each other at once, see guardLastAdmin) comes from the first write, which
 * it undoes; the profile is written only once that write holds.
 */
export async function patchMember(deps: AppDeps, actor: MemberContext, targetUserId: string, patch: MemberPatch): Promise<Member> {
  const current = await loadActiveMembership(deps, actor.workspaceId, targetUserId);
  const target = { userId: targetUserId, roles: current.roles, teams: current.teams.map(String) };
  const changesAccess = patch.roles !== undefined || patch.teams !== undefined || patch.restrictions !== undefined;
  if (changesAccess && actor.userId === targetUserId) throw new AppError("SELF_ACCESS_CHANGE", "You cannot change your own roles, teams, restrictions or access.");
  const demotesAdmin = patch.roles !== undefined && current.roles.includes("admin") && !patch.roles.includes("admin");
  const activeAdminCount = await adminsForRule(actor.workspaceId, demotesAdmin);
  if (patch.roles) {
    if (!can(actor, "members.changeRoles")) throw forbidden("Your role does not allow changing roles.");
    refuseIf(checkAccessChange({ actor, target, nextRoles: patch.roles, activeAdminCount }));
  }
  if (patch.restrictions) {
    if (!can(actor, "restrictions.set")) throw forbidden("Only admins set restrictions.");
    refuseIf(checkAccessChange({ actor, target, activeAdminCount: 1 }));
  }
  if (patch.teams) {
    refuseIf(checkTeamsChange(actor, target, patch.teams));
    await assertTeamsExist(actor.workspaceId, patch.teams);
  }
  if (patch.profile) refuseIf(checkProfileEdit(actor, target));
  if (patch.profile?.email !== undefined && patch.profile.email !== current.emailLower) refuseIf(checkLoginEmailChange(actor, targetUserId));
  const changesProfile = patch.profile !== undefined && Object.keys(patch.profile).length > 0;
  const userBefore = changesProfile ? await checkProfileChange(targetUserId, patch.profile!) : null;

  const now = deps.clock.now();
  const audits: AuditEntry[] = [];
  const audit = (action: AuditAction, before: unknown, after: unknown) =>
    audits.push({ workspaceId: actor.workspaceId, actor: { id: actor.userId, name: actor.name }, action, target: { type: "member", id: targetUserId, label: current.name }, before, after, at: now });

  const set: Record<string, unknown> = {};
  if (patch.roles) set.roles = patch.roles;
  if (patch.teams) set.teams = patch.teams;
  const restrictionsBefore = restrictionsSchema.parse(current.restrictions ?? {});
  if (patch.restrictions) set.restrictions = { ...restrictionsBefore, ...patch.restrictions };
  const writes = membershipWritesOf(deps);
  const accessBefore = { roles: current.roles, teams: current.teams, restrictions: current.restrictions ?? {} };
  const undoAccess = () => writes.set(current, Object.fromEntries(Object.keys(set).map((key) => [key, accessBefore[key as keyof typeof accessBefore]])));
  if (Object.keys(set).length > 0) {
    await writes.set(current, set);
    if (demotesAdmin) await guardLastAdmin(actor.workspaceId, undoAccess, "The last admin of a workspace cannot be demoted.");
  }

  let user = undefined as Awaited<ReturnType<typeof updateProfile>>["user"] | undefined;
  // The profile is the user's: its copies change on every membership they hold, not only this one.
  if (userBefore) {
    let result: Awaited<ReturnType<typeof updateProfile>>;
    try {
      result = await updateProfile(writes, userBefore, patch.profile!);
    } catch (err) {
      // e.g. the e-mail taken by someone else since the check: the whole patch is refused.
      if (Object.keys(set).length > 0) await undoAccess();
      throw err;
    }
    user = result.user;
    audit(AuditAction.memberProfileChanged, result.before, result.after);
  }
  if (patch.roles) audit(AuditAction.memberRolesChanged, { roles: current.roles }, { roles: patch.roles });
  if (patch.teams) audit(AuditAction.memberTeamsChanged, { teams: target.teams }, { teams: patch.teams });
  if (patch.restrictions) audit(AuditAction.memberRestrictionsChanged, { restrictions: restrictionsBefore }, { restrictions: set.restrictions });
  for (const entry of audits) await recordAudit(entry);

  if (patch.teams || patch.restrictions) deps.events.emit("settings.changed", { workspaceId: actor.workspaceId, userIds: [targetUserId] });
  const updated = await MembershipModel.findById(current._id).lean();
  if (!updated) throw notFound("Member");
  return toMember(updated, user ?? (await UserModel.findById(targetUserId).lean()) ?? undefined);
}

const moveContacts = async (workspaceId: string, from: string, to: string | null) =>
  (await ContactModel.updateMany({ workspaceId, assigneeId: from }, { $set: { assigneeId: to } })).modifiedCount;

/**
 * Revoke (DESIGN.md §7): contacts go to the chosen active member or become unassigned, the
 * membership is marked revoked (the user stays in the organization), sessions end at once.
 * Ordered so a retry after a crash finishes the job; contacts are swept again after the
 * revoke to catch any assigned meanwhile.
 */
export async function revokeMember(deps: AppDeps, actor: MemberContext, targetUserId: string, reassignTo: string | null) {
  const current = await loadActiveMembership(deps, actor.workspaceId, targetUserId);
  const revokesAdmin = current.roles.includes("admin");
  refuseIf(checkRevoke({ actor, target: { userId: targetUserId, roles: current.roles, teams: current.teams.map(String) }, activeAdminCount: await adminsForRule(actor.workspaceId, revokesAdmin) }));
  if (reassignTo !== null) {
    const heir = await membershipsOf(deps).find(actor.workspaceId, reassignTo);
    if (!heir || reassignTo === targetUserId) {
      throw new AppError("VALIDATION_FAILED", "reassignContactsTo: Must be another active member of this workspace", {
        issues: [{ path: "reassignContactsTo", message: "Must be another active member of this workspace" }],
      });
    }
  }
  const now = deps.clock.now();
  // An admin's revoke can still be refused after its write (guardLastAdmin): nothing else moves
  // before that write holds. Any other revoke moves contacts first, so that a retry after a
  // crash (the member still active) finishes the job.
  let contactsMoved = revokesAdmin ? 0 : await moveContacts(actor.workspaceId, targetUserId, reassignTo);
  const writes = membershipWritesOf(deps);
  const keepsAnAdmin = async () => {
    const undo = () => writes.set(current, { status: "active", revokedAt: null, revokedBy: null });
    if (revokesAdmin) await guardLastAdmin(actor.workspaceId, undo, "The last admin of a workspace cannot be revoked.");
  };
  if (!(await writes.revoke(current, actor.userId, now, keepsAnAdmin))) throw notFound("Member");
  contactsMoved += await moveContacts(actor.workspaceId, targetUserId, reassignTo);
  await destroyUserSessions(targetUserId);
  await recordAudit({
    workspaceId: actor.workspaceId,
    actor: { id: actor.userId, name: actor.name },
    action: AuditAction.memberRevoked,
    target: { type: "member", id: targetUserId, label: current.name },
    before: { status: "active", roles: current.roles, teams: current.teams.map(String) },
    after: { status: "revoked", reassignContactsTo: reassignTo, contactsMoved },
    at: now,
  });
  deps.events.emit("sessions.revoked", { userId: targetUserId, reason: "revoked" });
  return { userId: targetUserId, contactsMoved };
}
