import { objectIdSchema, presenceChoiceSchema } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { presenceServiceOf } from "./presence.service.js";

/** /api/workspaces/:ws/presence — the board's first load, and supervisors setting an agent's status. */
export function presenceRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  const presence = presenceServiceOf(deps);

  router.get("/", requirePermission("presence.view"), async (req, res) => {
    const { items, chatLimits } = await presence.snapshot(requireMember(req));
    res.json({ items, total: items.length, chatLimits });
  });

  router.put("/:userId", requirePermission("presence.setOthers"), async (req, res) => {
    const userId = objectIdSchema.parse(req.params.userId);
    const choice = presenceChoiceSchema.parse(req.body);
    res.json(await presence.setByOther(requireMember(req), userId, choice));
  });
  return router;
}
