import { outboxQuerySchema } from "@switchboard/shared";
import { Router, type RequestHandler } from "express";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { listOutbox } from "./outbox.service.js";

/** GET /api/workspaces/:ws/outbox — every e-mail of the workspace (the mail queue), newest first. */
export function outboxRouter(heavyRead: RequestHandler): Router {
  const router = Router({ mergeParams: true });
  router.get("/", requirePermission("outbox.view"), heavyRead, async (req, res) => {
    res.json(await listOutbox(requireMember(req).workspaceId, outboxQuerySchema.parse(req.query)));
  });
  return router;
}
