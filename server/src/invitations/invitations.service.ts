import { AuditAction, checkInvite, INVITATION_TTL_DAYS, reachOf, type Invitation, type InviteResult, type Role } from "@switchboard/shared";
import { trusted, Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { recordAudit, recordAudits, type AuditEntry } from "../audit/audit.service.js";
import { hashToken, newOpaqueToken } from "../auth/tokens.js";
import type { Clock } from "../clock.js";
import { AppError, notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { invitationEmail } from "../mail/invitation-email.js";
import { MembershipModel } from "../members/membership.model.js";
import { UserModel } from "../users/user.model.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { closedPendingKey, InvitationModel, openPendingKey, type InvitationDoc } from "./invitation.model.js";
import { linkCipherFor, registrationLink } from "./link-cipher.js";

const DAY_MS = 86_400_000;
const LOOKUP_CHUNK = 500;
const MAIL_CONCURRENCY = 4;

/** One person to invite, already parsed; `teams` are ids known to exist in the workspace. */
export interface InviteCandidate {
  /** JSON body: index in `invitees` (0-based). CSV: line number in the file (the header is line 1). */
  row?: number;
  name: string;
  email: string;
  phone?: string;
  roles: Role[];
  teams: string[];
}

/** A row decided before the database is asked (a CSV row that failed its schema). */
export type InviteRow = InviteCandidate | InviteResult;
const isDecided = (row: InviteRow): row is InviteResult => "status" in row;

type StoredInvitation = InvitationDoc & { _id: Types.ObjectId };

const withRow = (row: number | undefined, rest: Omit<InviteResult, "row">): InviteResult => (row === undefined ? rest : { row, ...rest });
const auditActor = (actor: MemberContext) => ({ id: actor.userId, name: actor.name });
const newExpiry = (now: Date) => new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS);

export const effectiveStatus = (inv: Pick<StoredInvitation, "status" | "expiresAt">, now: Date): Invitation["status"] =>
  inv.status === "pending" && inv.expiresAt.getTime() <= now.getTime() ? "expired" : inv.status;

async function loadWorkspace(workspaceId: string) {
  const workspace = await WorkspaceModel.findById(workspaceId, { name: 1, organizationId: 1 }).lean();
  if (!workspace) throw notFound("Workspace");
  return workspace;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function eachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What the database already knows about these e-mails in this workspace. */
async function lookUpExisting(workspaceId: string, emails: string[]) {
  const users = new Map<string, { _id: Types.ObjectId; organizationId: Types.ObjectId }>();
  const activeMembers = new Set<string>();
  const pending = new Map<string, StoredInvitation>();
  for (const part of chunks(emails, LOOKUP_CHUNK)) {
    const found = await UserModel.find({ emailLower: trusted({ $in: part }) }, { emailLower: 1, organizationId: 1 }).lean();
    for (const user of found) users.set(user.emailLower, user);
    const memberships = await MembershipModel.find(
      { workspaceId, status: "active", userId: trusted({ $in: found.map((u) => u._id) }) },
      { emailLower: 1 },
    ).lean();
    for (const membership of memberships) activeMembers.add(membership.emailLower);
    const open = await InvitationModel.find({ pendingKey: trusted({ $in: part.map((email) => openPendingKey(workspaceId, email)) }) }).lean();
    for (const inv of open) pending.set(inv.emailLower, inv);
  }
  return { users, activeMembers, pending };
}

async function closeInvitation(inv: Pick<StoredInvitation, "_id" | "workspaceId" | "emailLower">, from: string[], set: Record<string, unknown>) {
  return InvitationModel.updateOne(
    { _id: inv._id, status: trusted({ $in: from }) },
    { $set: { ...set, pendingKey: closedPendingKey(inv.workspaceId, inv.emailLower, inv._id) } },
  );
}

/**
 * Invites each row on its own (DESIGN.md §7): a row is invited, skipped (already a member,
 * already invited, duplicate in the request) or invalid with a reason, and never half-applied:
 * an invitation whose e-mail cannot be sent is deleted again. With `dryRun` nothing is written.
 */
export async function inviteRows(deps: AppDeps, actor: MemberContext, rows: InviteRow[], options: { dryRun?: boolean; source: "form" | "csv" }): Promise<InviteResult[]> {
  const workspace = await loadWorkspace(actor.workspaceId);
  const results: (InviteResult | undefined)[] = rows.map((row) => (isDecided(row) ? row : undefined));
  const firstRowOf = new Map<string, number | undefined>();
  const candidates: { index: number; c: InviteCandidate }[] = [];
  rows.forEach((row, index) => {
    if (isDecided(row)) return;
    const violation = checkInvite(actor, row.roles, row.teams);
    if (violation) {
      results[index] = withRow(row.row, { email: row.email, status: "invalid", reason: violation.message });
    } else if (firstRowOf.has(row.email)) {
      const first = firstRowOf.get(row.email);
      const where = options.source === "csv" ? "this file" : "this request";
      results[index] = withRow(row.row, { email: row.email, status: "already_invited", reason: `Duplicate of row ${first ?? "above"} in ${where}.` });
    } else {
      firstRowOf.set(row.email, row.row);
      candidates.push({ index, c: row });
    }
  });

  const existing = await lookUpExisting(actor.workspaceId, candidates.map(({ c }) => c.email));
  const now = deps.clock.now();
  const toInvite: typeof candidates = [];
  const expiredToClose: StoredInvitation[] = [];
  for (const entry of candidates) {
    const { c, index } = entry;
    const user = existing.users.get(c.email);
    const pending = existing.pending.get(c.email);
    if (user && String(user.organizationId) !== String(workspace.organizationId)) {
      results[index] = withRow(c.row, { email: c.email, status: "invalid", reason: "This e-mail belongs to a user of another organization." });
    } else if (existing.activeMembers.has(c.email)) {
      results[index] = withRow(c.row, { email: c.email, status: "already_member" });
    } else if (pending && effectiveStatus(pending, now) === "pending") {
      results[index] = withRow(c.row, { email: c.email, status: "already_invited", invitationId: String(pending._id) });
    } else {
      if (pending) expiredToClose.push(pending);
      toInvite.push(entry);
    }
  }
  if (options.dryRun) {
    for (const { c, index } of toInvite) results[index] = withRow(c.row, { email: c.email, status: "invited" });
    return results as InviteResult[];
  }

  for (const inv of expiredToClose) await closeInvitation(inv, ["pending"], { status: "expired" });
  const cipher = linkCipherFor(deps.config);
  const expiresAt = newExpiry(now);
  const prepared = toInvite.map((entry) => {
    const token = newOpaqueToken();
    const doc = {
      _id: new Types.ObjectId(),
      workspaceId: new Types.ObjectId(actor.workspaceId),
      email: entry.c.email,
      emailLower: entry.c.email,
      name: entry.c.name,
      phone: entry.c.phone ?? null,
      roles: entry.c.roles,
      teams: entry.c.teams.map((id) => new Types.ObjectId(id)),
      tokenHash: hashToken(token),
      tokenSealed: cipher.encrypt(token),
      invitedBy: new Types.ObjectId(actor.userId),
      createdAt: now,
      sentAt: now,
      expiresAt,
      status: "pending" as const,
      pendingKey: openPendingKey(actor.workspaceId, entry.c.email),
    };
    return { ...entry, token, doc };
  });

  // Unordered: a row that loses a race on the unique pendingKey fails alone.
  await InvitationModel.insertMany(prepared.map((p) => p.doc), { ordered: false }).catch(() => undefined);
  const stored = new Set<string>();
  for (const part of chunks(prepared, LOOKUP_CHUNK)) {
    const found = await InvitationModel.find({ _id: trusted({ $in: part.map((p) => p.doc._id) }) }, { _id: 1 }).lean();
    for (const inv of found) stored.add(String(inv._id));
  }

  const audits: AuditEntry[] = [];
  await eachLimited(prepared, MAIL_CONCURRENCY, async ({ c, index, token, doc }) => {
    const id = String(doc._id);
    if (!stored.has(id)) {
      results[index] = withRow(c.row, { email: c.email, status: "already_invited" });
      return;
    }
    const link = registrationLink(deps.config.publicUrl, token);
    try {
      await deps.mailer.send(invitationEmail({ to: c.email, name: c.name, workspaceId: actor.workspaceId, workspaceName: workspace.name, inviterName: actor.name, roles: c.roles, link, expiresAt }));
    } catch (err) {
      deps.logger.warn({ err, invitationId: id }, "invitation e-mail failed");
      await InvitationModel.deleteOne({ _id: doc._id });
      results[index] = withRow(c.row, { email: c.email, status: "invalid", reason: "The invitation e-mail could not be sent." });
      return;
    }
    results[index] = withRow(c.row, { email: c.email, status: "invited", invitationId: id });
    audits.push({
      workspaceId: actor.workspaceId,
      actor: auditActor(actor),
      action: AuditAction.invitationCreated,
      target: { type: "invitation", id, label: c.email },
      after: { name: c.name, email: c.email, roles: c.roles, teams: c.teams, source: options.source },
      at: now,
    });
  });
  await recordAudits(audits);
  return results as InviteResult[];
}

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

/** Pending and expired invitations (expired ones can be resent); supervisors see their own teams'. */
export async function listInvitations(deps: AppDeps, actor: MemberContext, paging: { page: number; pageSize: number }) {
  const filter: Record<string, unknown> = { workspaceId: actor.workspaceId, status: trusted({ $in: ["pending", "expired"] }) };
  if (reachOf(actor, "members.invite") === "ownTeams") {
    filter.teams = trusted({ $in: actor.teams.map((id) => new Types.ObjectId(id)) });
  }
  const [docs, total] = await Promise.all([
    InvitationModel.find(filter).sort({ createdAt: -1, _id: -1 }).skip((paging.page - 1) * paging.pageSize).limit(paging.pageSize).lean(),
    InvitationModel.countDocuments(filter),
  ]);
  return { items: docs.map((inv) => toInvitationItem(inv, deps)), total };
}

/** Loads an invitation of the caller's workspace that the caller could have sent. */
async function loadManageable(actor: MemberContext, invitationId: string): Promise<StoredInvitation> {
  const inv = await InvitationModel.findOne({ _id: invitationId, workspaceId: actor.workspaceId }).lean();
  if (!inv) throw notFound("Invitation");
  const violation = checkInvite(actor, inv.roles, inv.teams.map(String));
  if (violation) throw new AppError(violation.code, violation.message);
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
  let updated: StoredInvitation | null;
  try {
    updated = await InvitationModel.findOneAndUpdate({ _id: inv._id, status: inv.status }, { $set: set }, { new: true }).lean();
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw new AppError("CONFLICT", "A newer invitation is already pending for this e-mail.");
    throw err;
  }
  if (!updated) throw new AppError("INVITATION_NOT_PENDING", "This invitation changed meanwhile; reload and try again.");
  const link = registrationLink(deps.config.publicUrl, token);
  await deps.mailer.send(invitationEmail({ to: inv.email, name: inv.name, workspaceId: actor.workspaceId, workspaceName: workspace.name, inviterName: actor.name, roles: inv.roles, link, expiresAt: set.expiresAt }));
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
