import { auditQuerySchema, contactAccessOf, maskContactSnapshot, type AuditItem } from "@switchboard/shared";
import { Router } from "express";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { AuditEventModel } from "./audit-event.model.js";

/** GET /api/workspaces/:ws/audit — newest first. */
export function auditRouter(): Router {
  const router = Router({ mergeParams: true });
  router.get("/", requirePermission("audit.view"), async (req, res) => {
    const { page, pageSize, action } = auditQuerySchema.parse(req.query);
    const member = requireMember(req);
    const filter: Record<string, unknown> = { workspaceId: member.workspaceId };
    if (action) filter.action = action;
    const [events, total] = await Promise.all([
      AuditEventModel.find(filter).sort({ at: -1, _id: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean(),
      AuditEventModel.countDocuments(filter),
    ]);
    // Seed 003: a masked agent gets phone and e-mail masked in every response, so a contact's
    // snapshot in an event too (an agent who is also a viewer reads this log).
    const masked = contactAccessOf(member).masked;
    const snapshot = (value: unknown, targetType: string) => (masked && targetType === "contact" ? maskContactSnapshot(value ?? null) : (value ?? null));
    const items: AuditItem[] = events.map((e) => ({
      id: String(e._id),
      actor: e.actorId ? { id: String(e.actorId), name: e.actorName ?? "" } : null,
      action: e.action,
      target: { type: e.target?.type ?? "", id: e.target?.id ?? null, label: e.target?.label ?? null },
      before: snapshot(e.before, e.target?.type ?? ""),
      after: snapshot(e.after, e.target?.type ?? ""),
      at: e.at.toISOString(),
    }));
    res.json({ items, total });
  });
  return router;
}
