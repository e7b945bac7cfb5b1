import { outboxQuerySchema, type OutboxItem } from "@switchboard/shared";
import { Router } from "express";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { OutboxMessageModel } from "./outbox.model.js";

/** GET /api/workspaces/:ws/outbox — what would have been e-mailed, newest first. */
export function outboxRouter(): Router {
  const router = Router({ mergeParams: true });
  router.get("/", requirePermission("outbox.view"), async (req, res) => {
    const { page, pageSize } = outboxQuerySchema.parse(req.query);
    const filter = { workspaceId: requireMember(req).workspaceId };
    const [docs, total] = await Promise.all([
      OutboxMessageModel.find(filter).sort({ createdAt: -1, _id: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean(),
      OutboxMessageModel.countDocuments(filter),
    ]);
    const items: OutboxItem[] = docs.map((m) => ({ id: String(m._id), to: m.to, subject: m.subject, text: m.text, createdAt: m.createdAt.toISOString() }));
    res.json({ items, total });
  });
  return router;
}
