import { checkInvite, type InviteResult, type Role } from "@switchboard/shared";
import { trusted, Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { hashToken, newOpaqueToken } from "../auth/tokens.js";
import type { MemberContext } from "../http/request-context.js";
import type { QueuedMail } from "../mail/mail-queue.js";
import { MembershipModel } from "../members/membership.model.js";
import { UserModel } from "../users/user.model.js";
import { InvitationModel, openPendingKey } from "./invitation.model.js";
import { completeInvitations, openInvitationBatch } from "./invitation-completion.js";
import { closeInvitation, deliverQueued, effectiveStatus, loadWorkspace, newExpiry, type StoredInvitation } from "./invitation-lifecycle.js";
import { linkCipherFor } from "./link-cipher.js";

/** Each lookup scans its collection on FerretDB: fewer, larger `$in` lists scan less. */
const LOOKUP_CHUNK = 1_000;

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

type Existing = Awaited<ReturnType<typeof lookUpExisting>>;

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

/** Rows handled between two progress reports: small enough that a 10,000-row import reports every fraction of a second. */
const PROGRESS_CHUNK = 250;

type Workspace = Awaited<ReturnType<typeof loadWorkspace>>;
type Results = (InviteResult | undefined)[];
interface InviteOptions {
  dryRun?: boolean;
  source: "form" | "csv";
  /** Rows decided (and, outside a dry run, stored with their audit event and queued e-mail) so far. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Invites each row on its own (DESIGN.md §7): a row is invited, skipped (already a member,
 * already invited, duplicate in the request) or invalid with a reason. Every stored invitation gets
 * its audit event and queued e-mail (a crash in between is completed by the start-up sweep); an
 * e-mail that cannot go out now stays queued and is retried. With `dryRun` nothing is written.
 * Rows go to the database a chunk at a time, each chunk behind its own journal entry, so a long
 * file reports progress as it goes and a crash leaves whole chunks (each completed at start-up).
 */
export async function inviteRows(deps: AppDeps, actor: MemberContext, rows: InviteRow[], options: InviteOptions): Promise<InviteResult[]> {
  const workspace = await loadWorkspace(actor.workspaceId);
  const results: Results = rows.map((row) => (isDecided(row) ? row : undefined));
  const firstRowOf = new Map<string, number | undefined>();
  const candidates: Candidate[] = [];
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

  let done = rows.length - candidates.length;
  options.onProgress?.(done, rows.length);
  // Looked up once, before any chunk is stored: FerretDB scans the collection for each lookup, and
  // one per chunk would rescan the invitations the earlier chunks just added. A row invited by
  // someone else meanwhile still loses on the unique pendingKey (see inviteCandidates).
  const existing = await lookUpExisting(actor.workspaceId, candidates.map(({ c }) => c.email));
  const queued: QueuedMail[] = [];
  for (const part of chunks(candidates, PROGRESS_CHUNK)) {
    queued.push(...(await inviteCandidates(deps, actor, workspace, existing, part, results, options)));
    done += part.length;
    options.onProgress?.(done, rows.length);
  }
  await deliverQueued(deps, queued);
  return results as InviteResult[];
}

interface Candidate {
  index: number;
  c: InviteCandidate;
}

/** One chunk of rows that passed the in-memory checks: decided against the database, then stored. Returns the e-mails queued. */
async function inviteCandidates(
  deps: AppDeps,
  actor: MemberContext,
  workspace: Workspace,
  existing: Existing,
  candidates: Candidate[],
  results: Results,
  options: InviteOptions,
): Promise<QueuedMail[]> {
  const now = deps.clock.now();
  const toInvite: Candidate[] = [];
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
    return [];
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
      invitedByName: actor.name,
      source: options.source,
      createdAt: now,
      sentAt: now,
      expiresAt,
      status: "pending" as const,
      pendingKey: openPendingKey(actor.workspaceId, entry.c.email),
    };
    return { ...entry, doc };
  });

  if (prepared.length === 0) return [];
  // Journal first, then the invitations, then their audit events and e-mails (invitation-completion.ts).
  const batch = await openInvitationBatch("created", actor.workspaceId, prepared.map((p) => p.doc._id), now);
  const stored = await insertInvitations(prepared.map((p) => p.doc));
  // Rows that lost a race on the unique pendingKey: someone invited the same person meanwhile.
  const lost = prepared.filter((p) => !stored.has(String(p.doc._id)));
  const raced = new Set<string>();
  for (const part of chunks(lost, LOOKUP_CHUNK)) {
    const found = await InvitationModel.find({ pendingKey: trusted({ $in: part.map((p) => p.doc.pendingKey) }) }, { emailLower: 1 }).lean();
    for (const inv of found) raced.add(inv.emailLower);
  }

  const storedDocs = prepared.filter((p) => stored.has(String(p.doc._id)));
  for (const { c, index, doc } of prepared) {
    if (stored.has(String(doc._id))) results[index] = withRow(c.row, { email: c.email, status: "invited", invitationId: String(doc._id) });
    else if (raced.has(c.email)) results[index] = withRow(c.row, { email: c.email, status: "already_invited" });
    else results[index] = withRow(c.row, { email: c.email, status: "invalid", reason: "The invitation could not be saved; try again." });
  }
  return completeInvitations(deps, batch, storedDocs.map((p) => p.doc), workspace.name);
}
