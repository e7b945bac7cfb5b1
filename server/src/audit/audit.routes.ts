import { auditQuerySchema, type AuditItem } from "@switchboard/shared";
import { Router } from "express";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { AuditEventModel } from "./audit-event.model.js";

/** GET /api/workspaces/:ws/audit — newest first. */
export function auditRouter(): Router {
  const router = Router({ mergeParams: true });
  router.get("/", requirePermission("audit.view"), async (req, res) => {
    const { page, pageSize, action } = auditQuerySchema.parse(req.query);
    const filter: Record<string, unknown> = { workspaceId: requireMember(req).workspaceId };
    if (action) filter.action = action;
    const [events, total] = await Promise.all([
      AuditEventModel.find(filter).sort({ at: -1, _id: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean(),
      AuditEventModel.countDocuments(filter),
    ]);
    const items: AuditItem[] = events.map((e) => ({
      id: String(e._id),
      actor: e.actorId ? { id: String(e.actorId), name: e.actorName ?? "" } : null,
      action: e.action,
      target: { type: e.target?.type ?? "", id: e.target?.id ?? null, label: e.target?.label ?? null },
      before: e.before ?? null,
      after: e.after ?? null,
      at: e.at.toISOString(),
    }));
    res.json({ items, total });
  });
  return router;
}
