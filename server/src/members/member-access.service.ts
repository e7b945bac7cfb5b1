import {
  AuditAction,
  can,
  checkAccessChange,
  checkLoginEmailChange,
  checkRevoke,
  invitableRoles,
  reachOf,
  restrictionsSchema,
  type Member,
  type MemberPatch,
  type Role,
  type RuleViolation,
} from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { recordAudit, type AuditEntry } from "../audit/audit.service.js";
import { destroyUserSessions } from "../auth/sessions.service.js";
import { ContactModel } from "../contacts/contact.model.js";
import { AppError, forbidden, notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { UserModel } from "../users/user.model.js";
import { toMember } from "./member-view.js";
import { membershipsOf } from "./membership-cache.js";
import { MembershipModel } from "./membership.model.js";
import { assertTeamsExist } from "./workspace-teams.js";

const fail = (violation: RuleViolation | null) => {
  if (violation) throw new AppError(violation.code, violation.message);
};

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

/**
 * Team membership changes (DESIGN.md §5 "add/remove members of a team"): own teams for
 * supervisors and managers — every team added or removed, and the primary team when it
 * changes, must be one of the actor's. Nobody moves someone holding a role above what they may invite.
 */
function checkTeamsChange(actor: MemberContext, target: { roles: readonly Role[]; teams: string[] }, next: string[]): RuleViolation | null {
  if (!can(actor, "teams.manageMembers")) return { code: "FORBIDDEN", message: "Your role does not allow changing team members." };
  const ceiling = invitableRoles(actor);
  if (!target.roles.every((role) => ceiling.includes(role))) {
    return { code: "ROLE_CEILING", message: "This member holds a role above what you may manage." };
  }
  if (reachOf(actor, "teams.manageMembers") === "ownTeams") {
    const touched = new Set([...target.teams.filter((t) => !next.includes(t)), ...next.filter((t) => !target.teams.includes(t))]);
    if (target.teams[0] !== next[0]) [target.teams[0], next[0]].forEach((t) => t && touched.add(t));
    if (![...touched].every((t) => actor.teams.includes(t))) {
      return { code: "FORBIDDEN", message: "You may only add or remove members of your own teams." };
    }
  }
  return null;
}

/** Profile fields of another member: whoever may change their roles or manage their team, within the role ceiling. */
function checkProfileEdit(actor: MemberContext, target: { userId: string; roles: readonly Role[]; teams: string[] }): RuleViolation | null {
  if (actor.userId === target.userId) return null;
  const reaches = can(actor, "members.changeRoles") || can(actor, "teams.manageMembers", { teamIds: target.teams });
  if (!reaches) return { code: "FORBIDDEN", message: "You may not edit this member's profile." };
  const ceiling = invitableRoles(actor);
  if (!target.roles.every((role) => ceiling.includes(role))) return { code: "ROLE_CEILING", message: "This member holds a role above what you may manage." };
  return null;
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
async function updateProfile(before: Awaited<ReturnType<typeof checkProfileChange>>, profile: NonNullable<MemberPatch["profile"]>) {
  const userId = String(before._id);
  const set: Record<string, unknown> = { ...profile };
  if (profile.email) set.emailLower = profile.email;
  const user = await UserModel.findByIdAndUpdate(userId, { $set: set }, { new: true }).lean();
  if (!user) throw notFound("User");
  const pick = (u: typeof before) => Object.fromEntries(Object.keys(profile).map((key) => [key, (u as Record<string, unknown>)[key] ?? null]));
  const result = { user, before: pick(before), after: pick(user) };
  if (!COPIED_PROFILE_FIELDS.some((field) => field in profile)) return { ...result, workspaceIds: [] };
  // Found once, then written by `_id` (FerretDB's SQLite backend would scan the collection for each `{ userId }` write).
  const name = `${user.firstName} ${user.lastName}`;
  const memberships = await MembershipModel.find({ userId }, { workspaceId: 1, status: 1 }).lean();
  const copies = { name, nameLower: name.toLowerCase(), emailLower: user.emailLower, phone: user.phone ?? null };
  for (const { _id } of memberships) await MembershipModel.updateOne({ _id }, { $set: copies });
  return { ...result, workspaceIds: memberships.filter((m) => m.status === "active").map((m) => String(m.workspaceId)) };
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
    fail(checkAccessChange({ actor, target, nextRoles: patch.roles, activeAdminCount }));
  }
  if (patch.restrictions) {
    if (!can(actor, "restrictions.set")) throw forbidden("Only admins set restrictions.");
    fail(checkAccessChange({ actor, target, activeAdminCount: 1 }));
  }
  if (patch.teams) {
    fail(checkTeamsChange(actor, target, patch.teams));
    await assertTeamsExist(actor.workspaceId, patch.teams);
  }
  if (patch.profile) fail(checkProfileEdit(actor, target));
  if (patch.profile?.email !== undefined && patch.profile.email !== current.emailLower) fail(checkLoginEmailChange(actor, targetUserId));
  const changesProfile = patch.profile !== undefined && Object.keys(patch.profile).length > 0;
  const userBefore = changesProfile ? await checkProfileChange(targetUserId, patch.profile!) : null;

  const now = deps.clock.now();
  const audits: AuditEntry[] = [];
  const audit = (action: string, before: unknown, after: unknown) =>
    audits.push({ workspaceId: actor.workspaceId, actor: { id: actor.userId, name: actor.name }, action, target: { type: "member", id: targetUserId, label: current.name }, before, after, at: now });

  const set: Record<string, unknown> = {};
  if (patch.roles) set.roles = patch.roles;
  if (patch.teams) set.teams = patch.teams;
  const restrictionsBefore = restrictionsSchema.parse(current.restrictions ?? {});
  if (patch.restrictions) set.restrictions = { ...restrictionsBefore, ...patch.restrictions };
  const accessBefore = { roles: current.roles, teams: current.teams, restrictions: current.restrictions ?? {} };
  const undoAccess = () => MembershipModel.updateOne({ _id: current._id }, { $set: Object.fromEntries(Object.keys(set).map((key) => [key, accessBefore[key as keyof typeof accessBefore]])) });
  if (Object.keys(set).length > 0) {
    await MembershipModel.updateOne({ _id: current._id }, { $set: set });
    if (demotesAdmin) await guardLastAdmin(actor.workspaceId, undoAccess, "The last admin of a workspace cannot be demoted.");
  }

  let user = undefined as Awaited<ReturnType<typeof updateProfile>>["user"] | undefined;
  // The profile is the user's: its copies change on every membership they hold, not only this one.
  const changedIn = new Set<string>();
  if (userBefore) {
    let result: Awaited<ReturnType<typeof updateProfile>>;
    try {
      result = await updateProfile(userBefore, patch.profile!);
    } catch (err) {
      // e.g. the e-mail taken by someone else since the check: the whole patch is refused.
      if (Object.keys(set).length > 0) await undoAccess();
      throw err;
    }
    user = result.user;
    for (const workspaceId of result.workspaceIds) changedIn.add(workspaceId);
    audit(AuditAction.memberProfileChanged, result.before, result.after);
  }
  if (patch.roles) audit(AuditAction.memberRolesChanged, { roles: current.roles }, { roles: patch.roles });
  if (patch.teams) audit(AuditAction.memberTeamsChanged, { teams: target.teams }, { teams: patch.teams });
  if (patch.restrictions) audit(AuditAction.memberRestrictionsChanged, { restrictions: restrictionsBefore }, { restrictions: set.restrictions });
  for (const entry of audits) await recordAudit(entry);

  // Names (profile) and restrictions travel with the member's sockets and the presence board too.
  if (Object.keys(set).length > 0) changedIn.add(actor.workspaceId);
  for (const workspaceId of changedIn) deps.events.emit("membership.changed", { workspaceId, userId: targetUserId });
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
  fail(checkRevoke({ actor, target: { userId: targetUserId, roles: current.roles, teams: current.teams.map(String) }, activeAdminCount: await adminsForRule(actor.workspaceId, revokesAdmin) }));
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
  const { modifiedCount } = await MembershipModel.updateOne(
    { _id: current._id, status: "active" },
    { $set: { status: "revoked", revokedAt: now, revokedBy: actor.userId } },
  );
  if (modifiedCount === 0) throw notFound("Member");
  if (revokesAdmin) {
    const undo = () => MembershipModel.updateOne({ _id: current._id }, { $set: { status: "active", revokedAt: null, revokedBy: null } });
    await guardLastAdmin(actor.workspaceId, undo, "The last admin of a workspace cannot be revoked.");
  }
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
  deps.events.emit("membership.revoked", { workspaceId: actor.workspaceId, userId: targetUserId, by: actor.userId });
  deps.events.emit("sessions.revoked", { userId: targetUserId, reason: "revoked" });
  return { userId: targetUserId, contactsMoved };
}
