import { objectIdSchema, queueCreateSchema, queuePatchSchema } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { createQueue, deleteQueue, getQueue, listQueues, updateQueue } from "./queues.service.js";
import { routerOf } from "./router.js";

/**
 * /api/workspaces/:ws/queues (DESIGN.md §10, §12). Reading takes queues.view; writing
 * queues.manage, and the service checks that every team of the queue is the actor's.
 */
export function queuesRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  router.get("/", requirePermission("queues.view"), async (req, res) => {
    res.json(await listQueues(requireMember(req)));
  });
  router.get("/stats", requirePermission("queues.view"), async (req, res) => {
    res.json(await routerOf(deps).statsFor(requireMember(req)));
  });
  router.get("/:id", requirePermission("queues.view"), async (req, res) => {
    res.json(await getQueue(requireMember(req), objectIdSchema.parse(req.params.id)));
  });
  router.post("/", requirePermission("queues.manage"), async (req, res) => {
    const body = queueCreateSchema.parse(req.body);
    res.status(201).json(await createQueue(deps, requireMember(req), body));
  });
  router.patch("/:id", requirePermission("queues.manage"), async (req, res) => {
    const queueId = objectIdSchema.parse(req.params.id);
    res.json(await updateQueue(deps, requireMember(req), queueId, queuePatchSchema.parse(req.body)));
  });
  router.delete("/:id", requirePermission("queues.manage"), async (req, res) => {
    await deleteQueue(deps, requireMember(req), objectIdSchema.parse(req.params.id));
    res.status(204).end();
  });
  return router;
}
