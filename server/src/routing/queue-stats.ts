import { canViewQueue, type QueueStats, type QueueStatsItem } from "@switchboard/shared";
import type { MemberContext } from "../http/request-context.js";
import type { Router } from "./router.js";

/**
 * The live board of every queue of a workspace (DESIGN.md §15 wallboard figures): waiting and the
 * longest wait from interactions not yet connected; agents of the queue's teams who take offers,
 * each counted once as away, in wrap-up, busy (holding an interaction) or available. Offline agents
 * are not counted.
 */
export async function workspaceQueueStats(router: Router, workspaceId: string): Promise<Array<QueueStatsItem & { teams: string[] }>> {
  const queues = await router.queues.all(workspaceId);
  // Facts cover every member (10,000 docks: issue 14), and this runs every second: not for a workspace without queues.
  if (queues.size === 0) return [];
  const [waiting, facts] = await Promise.all([router.waiting.list(workspaceId, router.now().getTime()), router.agentFacts(workspaceId)]);
  const nowMs = router.now().getTime();
  return [...queues.values()].map((queue) => {
    const mine = waiting.filter((w) => String(w.queueId) === queue.id);
    const oldest = Math.min(nowMs, ...mine.map((w) => w.enqueuedAt));
    const item = { queueId: queue.id, teams: queue.teams, waiting: mine.length, longestWaitSeconds: Math.floor((nowMs - oldest) / 1000), available: 0, busy: 0, wrapUp: 0, away: 0 };
    for (const agent of facts.list) {
      if (!agent.mayReceiveOffers || agent.status === "offline" || !agent.teams.some((team) => queue.teams.includes(team))) continue;
      if (agent.status === "away") item.away++;
      else if (agent.wrapUpUntil !== null && agent.wrapUpUntil > nowMs) item.wrapUp++;
      else if (agent.load.calls + agent.load.chats > 0) item.busy++;
      else item.available++;
    }
    return item;
  });
}

export const scopeStats = (items: Array<QueueStatsItem & { teams: string[] }>, actor: MemberContext): QueueStats => ({
  items: items.filter((item) => canViewQueue(actor, item.teams)).map(({ teams: _teams, ...item }) => item),
});

export async function queueStatsFor(router: Router, actor: MemberContext): Promise<QueueStats> {
  return scopeStats(await workspaceQueueStats(router, actor.workspaceId), actor);
}
