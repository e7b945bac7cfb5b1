import type { Types } from "mongoose";
import { AuditEventModel } from "./audit-event.model.js";

export interface AuditEntry {
  workspaceId: Types.ObjectId | string;
  actor: { id: Types.ObjectId | string; name: string } | null;
  action: string;
  target: { type: string; id?: string | null; label?: string | null };
  before?: unknown;
  after?: unknown;
  at: Date;
}

const toDocument = (entry: AuditEntry) => ({
  workspaceId: entry.workspaceId,
  actorId: entry.actor?.id ?? null,
  actorName: entry.actor?.name ?? null,
  action: entry.action,
  target: { type: entry.target.type, id: entry.target.id ?? null, label: entry.target.label ?? null },
  before: entry.before ?? null,
  after: entry.after ?? null,
  at: entry.at,
});

/** Every role, restriction, settings, invite and revoke change calls this (DESIGN.md §4). */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  await AuditEventModel.create(toDocument(entry));
}

/** One write for many events (a CSV import of thousands of rows). */
export async function recordAudits(entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await AuditEventModel.insertMany(entries.map(toDocument), { ordered: false });
}

/** One member's change to one named thing (a team, a queue): the common shape of feature audits. */
export function recordChangeBy(
  actor: { workspaceId: string; userId: string; name: string },
  at: Date,
  change: { action: string; target: { type: string; id: string; label: string }; before: unknown; after: unknown },
): Promise<void> {
  return recordAudit({ workspaceId: actor.workspaceId, actor: { id: actor.userId, name: actor.name }, at, ...change });
}
