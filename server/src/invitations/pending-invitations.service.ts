import { AuditAction, canSeeInvitation, checkInvite, inviteScopeOf, ROLES, type Invitation, type InvitationListQuery, type InvitationPatch } from "@switchboard/shared";
import { trusted, Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { recordAudit } from "../audit/audit.service.js";
import { hashToken, newOpaqueToken } from "../auth/tokens.js";
import type { Clock } from "../clock.js";
import { onDuplicateKey } from "../db/duplicate-key.js";
import { containsText } from "../db/text-search.js";
import { AppError, forbidden, notFound, refuseIf } from "../http/app-error.js";
import { assertTeamsExist } from "../members/workspace-teams.js";
import type { MemberContext } from "../http/request-context.js";
import { InvitationModel, openPendingKey } from "./invitation.model.js";
import { abandonInvitationBatch, completeInvitations, openInvitationBatch } from "./invitation-completion.js";
import { auditActor, closeInvitation, deliverQueued, effectiveStatus, loadWorkspace, newExpiry, type StoredInvitation } from "./invitation-lifecycle.js";
import { linkCipherFor, registrationLink } from "./link-cipher.js";

export function toInvitationItem(inv: StoredInvitation, deps: Pick<AppDeps, "config" | "clock">): Invitation {
  return {
    id: String(inv._id),
    name: inv.name,
    email: inv.email,
    phone: inv.phone ?? null,
    roles: inv.roles,
    teams: inv.teams.map(String),
    link: registrationLink(deps.config.publicUrl, linkCipherFor(deps.config).decrypt(inv.tokenSealed)),
    createdAt: inv.createdAt.toISOString(),
    sentAt: inv.sentAt.toISOString(),
    expiresAt: inv.expiresAt.toISOString(),
    status: effectiveStatus(inv, deps.clock.now()),
  };
}

const OPEN_STATUSES = ["pending", "expired"];

/**
 * `canSeeInvitation` as a query, so that paging and `total` agree with it: no role beyond the
 * ceiling and, for an own-teams scope, no team outside the caller's. "Every team is one of
 * mine" is written as "none of the other teams invitations name": FerretDB v1 answers
 * `$not: { $elemMatch: { $nin } }` wrongly on arrays of ids (it missed [mine, other]).
 */
async function visibleInvitationsFilter(actor: MemberContext, open: Record<string, unknown>): Promise<Record<string, unknown>> {
  const scope = inviteScopeOf(actor);
  if (!scope) throw forbidden("You may not see invitations.");
  const filter: Record<string, unknown> = {};
  const aboveCeiling = ROLES.filter((role) => !scope.roles.includes(role));
  if (aboveCeiling.length > 0) filter.roles = trusted({ $nin: aboveCeiling });
  const ownTeams = scope.teams;
  if (ownTeams !== "all") {
    const named: Types.ObjectId[] = await InvitationModel.distinct("teams", open);
    filter.teams = trusted({ $nin: named.filter((id) => !ownTeams.includes(String(id))) });
  }
  return filter;
}

/**
 * Pending and expired invitations (expired ones can be resent) that the caller could have sent.
 * The others are left out entirely rather than listed without their link: the caller can neither
 * resend nor cancel them, and who is being made admin is not theirs to read either.
 */
export async function listInvitations(deps: AppDeps, actor: MemberContext, paging: InvitationListQuery) {
  const open = { workspaceId: actor.workspaceId, status: trusted({ $in: OPEN_STATUSES }) };
  const filter: Record<string, unknown> = { ...open, ...(await visibleInvitationsFilter(actor, open)) };
  if (paging.q) filter.$or = [{ name: containsText(paging.q) }, { emailLower: containsText(paging.q) }];
  const [docs, total] = await Promise.all([
    InvitationModel.find(filter).sort({ createdAt: -1, _id: -1 }).skip((paging.page - 1) * paging.pageSize).limit(paging.pageSize).lean(),
    InvitationModel.countDocuments(filter),
  ]);
  // The query states the rule for paging; this states it again where a link leaves the server.
  const visible = docs.filter((inv) => canSeeInvitation(actor, { roles: inv.roles, teams: inv.teams.map(String) }));
  return { items: visible.map((inv) => toInvitationItem(inv, deps)), total };
}

/** Loads an invitation of the caller's workspace that the caller could have sent. */
async function loadManageable(actor: MemberContext, invitationId: string): Promise<StoredInvitation> {
  const inv = await InvitationModel.findOne({ _id: invitationId, workspaceId: actor.workspaceId }).lean();
  if (!inv) throw notFound("Invitation");
  if (!canSeeInvitation(actor, { roles: inv.roles, teams: inv.teams.map(String) })) {
    throw forbidden("You may only manage invitations you could have sent.");
  }
  if (inv.status === "accepted" || inv.status === "cancelled") {
    throw new AppError("INVITATION_NOT_PENDING", `This invitation was already ${inv.status}.`);
  }
  return inv;
}

/** New token, new expiry, e-mail again; the old link stops working. */
export async function resendInvitation(deps: AppDeps, actor: MemberContext, invitationId: string): Promise<Invitation> {
  const inv = await loadManageable(actor, invitationId);
  const workspace = await loadWorkspace(actor.workspaceId);
  const now = deps.clock.now();
  const token = newOpaqueToken();
  const set = {
    tokenHash: hashToken(token),
    tokenSealed: linkCipherFor(deps.config).encrypt(token),
    sentAt: now,
    expiresAt: newExpiry(now),
    status: "pending",
    pendingKey: openPendingKey(inv.workspaceId, inv.emailLower),
  };
  // Journal first: a crash after the new token is stored still e-mails the new link (invitation-completion.ts).
  const batch = await openInvitationBatch("resent", inv.workspaceId, [inv._id], now);
  const updated: StoredInvitation | null = await onDuplicateKey(InvitationModel.findOneAndUpdate({ _id: inv._id, status: inv.status }, { $set: set }, { new: true }).lean(), async () => {
    await abandonInvitationBatch(batch);
    throw new AppError("CONFLICT", "A newer invitation is already pending for this e-mail.");
  });
  if (!updated) {
    await abandonInvitationBatch(batch);
    throw new AppError("INVITATION_NOT_PENDING", "This invitation changed meanwhile; reload and try again.");
  }
  await deliverQueued(deps, await completeInvitations(deps, batch, [updated], workspace.name));
  await recordAudit({
    workspaceId: actor.workspaceId,
    actor: auditActor(actor),
    action: AuditAction.invitationResent,
    target: { type: "invitation", id: String(inv._id), label: inv.email },
    before: { expiresAt: inv.expiresAt, status: effectiveStatus(inv, now) },
    after: { expiresAt: set.expiresAt },
    at: now,
  });
  return toInvitationItem(updated, deps);
}

/**
 * Changes a pending (or expired) invitation's roles and teams before it is accepted; the link
 * stays the same. §5 twice: the caller must have been able to send the invitation as it is
 * (loadManageable) and as it will be (checkInvite), so nobody edits an invitation above their
 * reach nor raises one beyond it.
 */
export async function updateInvitation(deps: AppDeps, actor: MemberContext, invitationId: string, patch: InvitationPatch): Promise<Invitation> {
  const inv = await loadManageable(actor, invitationId);
  const roles = patch.roles ? [...new Set(patch.roles)] : inv.roles;
  const teams = patch.teams ? [...new Set(patch.teams)] : inv.teams.map(String);
  if (patch.teams) await assertTeamsExist(actor.workspaceId, teams);
  refuseIf(checkInvite(actor, roles, teams));
  const now = deps.clock.now();
  const updated: StoredInvitation | null = await InvitationModel.findOneAndUpdate(
    { _id: inv._id, status: inv.status },
    { $set: { roles, teams: teams.map((id) => new Types.ObjectId(id)) } },
    { new: true },
  ).lean();
  if (!updated) throw new AppError("INVITATION_NOT_PENDING", "This invitation changed meanwhile; reload and try again.");
  await recordAudit({
    workspaceId: actor.workspaceId,
    actor: auditActor(actor),
    action: AuditAction.invitationUpdated,
    target: { type: "invitation", id: String(inv._id), label: inv.email },
    before: { roles: inv.roles, teams: inv.teams.map(String) },
    after: { roles, teams },
    at: now,
  });
  return toInvitationItem(updated, deps);
}

export async function cancelInvitation(deps: AppDeps, actor: MemberContext, invitationId: string): Promise<void> {
  const inv = await loadManageable(actor, invitationId);
  const now = deps.clock.now();
  const { modifiedCount } = await closeInvitation(inv, ["pending", "expired"], { status: "cancelled", cancelledAt: now, cancelledBy: actor.userId });
  if (modifiedCount === 0) throw new AppError("INVITATION_NOT_PENDING", "This invitation is no longer pending.");
  await recordAudit({
    workspaceId: actor.workspaceId,
    actor: auditActor(actor),
    action: AuditAction.invitationCancelled,
    target: { type: "invitation", id: String(inv._id), label: inv.email },
    before: { status: effectiveStatus(inv, now) },
    after: { status: "cancelled" },
    at: now,
  });
}

/** Periodic clean-up standing in for a TTL index: closes pending invitations past their expiry. */
export async function expireInvitations(clock: Clock): Promise<number> {
  const due = await InvitationModel.find({ status: "pending", expiresAt: trusted({ $lte: clock.now() }) }, { workspaceId: 1, emailLower: 1 }).lean();
  let closed = 0;
  for (const inv of due) closed += (await closeInvitation(inv, ["pending"], { status: "expired" })).modifiedCount;
  return closed;
}
