import { contactAccessOf, interactionListQuerySchema, interactionScopeOf, objectIdSchema, scopeCovers, type InteractionListQuery } from "@switchboard/shared";
import { Router as ExpressRouter } from "express";
import { trusted } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { notFound } from "../http/app-error.js";
import { requireMember, type MemberContext } from "../http/request-context.js";
import { InteractionModel, type InteractionDoc } from "./interaction.model.js";
import { findInWorkspace } from "./interaction-writes.js";
import { toInteractionDetail, toInteractionView, type ContactMasking } from "./interaction-view.js";
import { routerOf } from "./router.js";

async function maskingFor(deps: AppDeps, actor: MemberContext): Promise<ContactMasking> {
  const asAgent = await routerOf(deps).directory.member(actor.workspaceId, actor.userId);
  if (asAgent) return asAgent.masking;
  const { masked } = contactAccessOf(actor);
  return { email: masked, phone: masked };
}

/** §5 "see interactions and transcripts": all, own teams' queues, or only one's own. */
function scopeFilter(actor: MemberContext): Record<string, unknown> {
  const scope = interactionScopeOf(actor);
  if (scope.all) return {};
  const own = { agentId: scope.agentId };
  // Operators inside $or are trusted one by one: the filter sanitizer refuses an unmarked $in there.
  return scope.queueTeams ? { $or: [own, { queueTeams: trusted({ $in: scope.queueTeams }) }] } : own;
}

function queryFilter(query: InteractionListQuery): Record<string, unknown> {
  const enqueued = { ...(query.from ? { $gte: new Date(query.from) } : {}), ...(query.to ? { $lt: new Date(query.to) } : {}) };
  return {
    ...(query.queue ? { queueId: query.queue } : {}),
    ...(query.agent ? { agentId: query.agent } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.state ? { state: query.state } : {}),
    ...(query.from || query.to ? { enqueuedAt: trusted(enqueued) } : {}),
  };
}

/** /api/workspaces/:ws/interactions (DESIGN.md §12): newest first, masked per the caller. */
export function interactionsRouter(deps: AppDeps) {
  const router = ExpressRouter({ mergeParams: true });
  router.get("/", async (req, res) => {
    const actor = requireMember(req);
    const query = interactionListQuerySchema.parse(req.query);
    // Both must hold: spread into one object, the scope's agentId replaced the query's `agent`.
    const filter = { workspaceId: actor.workspaceId, $and: [queryFilter(query), scopeFilter(actor)] };
    const [docs, total, masking] = await Promise.all([
      InteractionModel.find(filter, { messages: 0, visitorTokenHash: 0 })
        .sort({ enqueuedAt: -1, _id: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<InteractionDoc[]>(),
      InteractionModel.countDocuments(filter),
      maskingFor(deps, actor),
    ]);
    res.json({ items: docs.map((doc) => toInteractionView(doc, masking)), total });
  });
  router.get("/:id", async (req, res) => {
    const actor = requireMember(req);
    const doc = await findInWorkspace(objectIdSchema.parse(req.params.id), actor.workspaceId);
    const visible = doc && scopeCovers(interactionScopeOf(actor), doc.queueTeams.map(String), doc.agentId ? String(doc.agentId) : null);
    if (!doc || !visible) throw notFound("Interaction");
    res.json(toInteractionDetail(doc, await maskingFor(deps, actor)));
  });
  return router;
}
