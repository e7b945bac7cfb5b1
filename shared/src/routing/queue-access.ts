import { ErrorCode } from "../errors/error-codes.js";
import { can, reachOf, type Actor, type RuleViolation } from "../permissions/can.js";

/**
 * DESIGN.md §10: managers and supervisors manage the queues whose teams are *all* their own
 * (a queue shared with another team's agents is that team's business too); admins any.
 */
export function checkManageQueue(actor: Actor, queueTeams: readonly string[]): RuleViolation | null {
  const reach = reachOf(actor, "queues.manage");
  if (reach === "all") return null;
  if (reach === "ownTeams" && queueTeams.every((team) => actor.teams.includes(team))) return null;
  return { code: ErrorCode.FORBIDDEN, message: reach ? "You may manage only queues whose teams are all yours." : "You may not manage queues." };
}

/** Whether the actor sees a queue (and its live figures): one of its teams is theirs, or they reach all. */
export const canViewQueue = (actor: Actor, queueTeams: readonly string[]) => can(actor, "queues.view", { teamIds: queueTeams });

/**
 * Which interactions a reader sees (§5 "see interactions and transcripts"): all; those of
 * queues serving one of their teams; and always the ones they handled themselves.
 */
export type InteractionScope = { all: true } | { all: false; queueTeams: readonly string[] | null; agentId: string };

export function interactionScopeOf(actor: Actor): InteractionScope {
  const reach = reachOf(actor, "interactions.read");
  if (reach === "all") return { all: true };
  return { all: false, queueTeams: reach === "ownTeams" ? actor.teams : null, agentId: actor.userId };
}

/** Whether an interaction with this queue's teams and agent is within the scope. */
export function scopeCovers(scope: InteractionScope, queueTeams: readonly string[], agentId: string | null): boolean {
  if (scope.all) return true;
  if (agentId !== null && agentId === scope.agentId) return true;
  return scope.queueTeams !== null && queueTeams.some((team) => scope.queueTeams!.includes(team));
}
