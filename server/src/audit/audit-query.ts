import { contactAccessOf, describeAuditChange, maskContactSnapshot, type AuditFilter, type AuditItem } from "@switchboard/shared";
import { trusted } from "mongoose";
import type { MemberContext } from "../http/request-context.js";
import { loadWorkspaceTeams } from "../members/workspace-teams.js";
import { AuditEventModel, type AuditEventDoc } from "./audit-event.model.js";

/** The mongo filter for one workspace's events under the console's filters (values are validated strings, never operators). */
export function auditMongoFilter(workspaceId: string, filter: AuditFilter): Record<string, unknown> {
  const query: Record<string, unknown> = { workspaceId };
  if (filter.action) query.action = filter.action;
  if (filter.actorId) query.actorId = filter.actorId;
  if (filter.targetType) query["target.type"] = filter.targetType;
  if (filter.targetId) query["target.id"] = filter.targetId;
  if (filter.from || filter.to) {
    // trusted: the connection's sanitizeFilter would otherwise strip these (our own, validated) operators.
    query.at = trusted({ ...(filter.from ? { $gte: new Date(filter.from) } : {}), ...(filter.to ? { $lt: new Date(filter.to) } : {}) });
  }
  return query;
}

export const auditSort = { at: -1, _id: -1 } as const;

/** Turns stored events into what a reader may see: contact snapshots masked for masked readers, changes in words. */
export async function auditPresenter(member: MemberContext): Promise<(e: AuditEventDoc & { _id: unknown }) => AuditItem> {
  const teams = await loadWorkspaceTeams(member.workspaceId);
  // Seed 003: a masked agent gets phone and e-mail masked in every response, so a contact's
  // snapshot in an event too (an agent who is also a viewer reads this log).
  const masked = contactAccessOf(member).masked;
  const snapshot = (value: unknown, targetType: string) => (masked && targetType === "contact" ? maskContactSnapshot(value ?? null) : (value ?? null));
  return (e) => {
    const type = e.target?.type ?? "";
    const before = snapshot(e.before, type);
    const after = snapshot(e.after, type);
    return {
      id: String(e._id),
      actor: e.actorId ? { id: String(e.actorId), name: e.actorName ?? "" } : null,
      action: e.action,
      target: { type, id: e.target?.id ?? null, label: e.target?.label ?? null },
      before,
      after,
      changes: describeAuditChange(before, after, { teamName: teams.nameOf }),
      at: e.at.toISOString(),
    };
  };
}

export async function listAudit(member: MemberContext, filter: AuditFilter, page: number, pageSize: number) {
  const query = auditMongoFilter(member.workspaceId, filter);
  const [events, total, present] = await Promise.all([
    AuditEventModel.find(query).sort(auditSort).skip((page - 1) * pageSize).limit(pageSize).lean(),
    AuditEventModel.countDocuments(query),
    auditPresenter(member),
  ]);
  return { items: events.map(present), total };
}
