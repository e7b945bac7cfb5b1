import { AuditAction, checkInvite, type InviteResult, type Role } from "@switchboard/shared";
import { trusted, Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { recordAudits, type AuditEntry } from "../audit/audit.service.js";
import { hashToken, newOpaqueToken } from "../auth/tokens.js";
import type { MemberContext } from "../http/request-context.js";
import { MembershipModel } from "../members/membership.model.js";
import { UserModel } from "../users/user.model.js";
import { InvitationModel, openPendingKey } from "./invitation.model.js";
import { auditActor, closeInvitation, effectiveStatus, loadWorkspace, newExpiry, sendInvitationEmail, type StoredInvitation } from "./invitation-lifecycle.js";
import { linkCipherFor } from "./link-cipher.js";

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

const withRow = (row: number | undefined, rest: Omit<InviteResult, "row">): InviteResult => (row === undefined ? rest : { row, ...rest });
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

/**
 * Unordered insert, so a row that fails (a lost race on the unique pendingKey) fails alone.
 * Returns the ids actually stored.
 */
async function insertInvitations(docs: { _id: Types.ObjectId }[]): Promise<Set<string>> {
  const ids = (inserted: { _id: unknown }[]) => new Set(inserted.map((doc) => String(doc._id)));
  try {
    return ids(await InvitationModel.insertMany(docs, { ordered: false }));
  } catch (err) {
    const partial = (err as { insertedDocs?: { _id: unknown }[] }).insertedDocs;
    if (partial) return ids(partial);
    // No report of what went in: ask the database.
    const found = new Set<string>();
    for (const part of chunks(docs, LOOKUP_CHUNK)) {
      for (const inv of await InvitationModel.find({ _id: trusted({ $in: part.map((d) => d._id) }) }, { _id: 1 }).lean()) found.add(String(inv._id));
    }
    return found;
  }
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

  const stored = await insertInvitations(prepared.map((p) => p.doc));
  // Rows that lost a race on the unique pendingKey: someone invited the same person meanwhile.
  const lost = prepared.filter((p) => !stored.has(String(p.doc._id)));
  const raced = new Set<string>();
  for (const part of chunks(lost, LOOKUP_CHUNK)) {
    const found = await InvitationModel.find({ pendingKey: trusted({ $in: part.map((p) => p.doc.pendingKey) }) }, { emailLower: 1 }).lean();
    for (const inv of found) raced.add(inv.emailLower);
  }

  const audits: AuditEntry[] = [];
  await eachLimited(prepared, MAIL_CONCURRENCY, async ({ c, index, token, doc }) => {
    const id = String(doc._id);
    if (!stored.has(id)) {
      results[index] = raced.has(c.email)
        ? withRow(c.row, { email: c.email, status: "already_invited" })
        : withRow(c.row, { email: c.email, status: "invalid", reason: "The invitation could not be saved; try again." });
      return;
    }
    try {
      await sendInvitationEmail(deps, actor, workspace.name, c, token, expiresAt);
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
