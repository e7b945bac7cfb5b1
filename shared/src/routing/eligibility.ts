import type { PresenceStatus } from "../presence/presence.schema.js";
import { hasCapacityFor, type AgentLoad, type CapacityLimits } from "./capacity.js";
import type { InteractionKind } from "./interaction.schema.js";

/** Everything the routing decision needs to know about one member, as plain data. */
export interface AgentFacts extends CapacityLimits {
  userId: string;
  /** Membership active (not revoked). */
  active: boolean;
  teams: readonly string[];
  /** `offers.receive` in the permission matrix. */
  mayReceiveOffers: boolean;
  status: PresenceStatus;
  /** Epoch ms; in wrap-up while now < wrapUpUntil. */
  wrapUpUntil: number | null;
  /** Effective `channel` setting. */
  channel: "phone" | "chat" | "all";
  skills: readonly string[];
  languages: readonly string[];
  /** Offers plus connected interactions (wrap-up holds none). */
  load: AgentLoad;
  /** Epoch ms since the agent is idle: their last interaction ended or they became available. */
  idleSince: number;
}

export interface RoutingTarget {
  kind: InteractionKind;
  teams: readonly string[];
  skills: readonly string[];
  languages: readonly string[];
}

/** Why an agent is not offered an interaction: one stable word per rule of DESIGN.md §10, in the order checked. */
export const Ineligibility = Object.freeze({
  inactive: "inactive",
  team: "team",
  permission: "permission",
  status: "status",
  wrapUp: "wrapUp",
  channel: "channel",
  capacity: "capacity",
  skills: "skills",
  languages: "languages",
} as const);
export type Ineligibility = (typeof Ineligibility)[keyof typeof Ineligibility];

const sameLabel = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const holds = (labels: readonly string[], wanted: string) => labels.some((label) => sameLabel(label, wanted));

/** The first rule that keeps `agent` from being offered `target` at `now`, or null when eligible. */
export function ineligibilityOf(agent: AgentFacts, target: RoutingTarget, now: number): Ineligibility | null {
  if (!agent.active) return Ineligibility.inactive;
  if (!agent.teams.some((team) => target.teams.includes(team))) return Ineligibility.team;
  if (!agent.mayReceiveOffers) return Ineligibility.permission;
  if (agent.status !== "available") return Ineligibility.status;
  if (agent.wrapUpUntil !== null && now < agent.wrapUpUntil) return Ineligibility.wrapUp;
  const wantedChannel = target.kind === "call" ? "phone" : "chat";
  if (agent.channel !== "all" && agent.channel !== wantedChannel) return Ineligibility.channel;
  if (!hasCapacityFor(target.kind, agent.load, agent)) return Ineligibility.capacity;
  if (!target.skills.every((skill) => holds(agent.skills, skill))) return Ineligibility.skills;
  if (target.languages.length > 0 && !target.languages.some((language) => holds(agent.languages, language))) return Ineligibility.languages;
  return null;
}

export const isEligible = (agent: AgentFacts, target: RoutingTarget, now: number) => ineligibilityOf(agent, target, now) === null;

/**
 * The agent to offer next: eligible, not yet tried for this interaction (nobody twice before
 * everyone eligible was tried), and idle longest; ties go to the lower user id so two nodes
 * pick alike. When every eligible agent was tried, the round starts over.
 */
export function chooseAgent(
  agents: readonly AgentFacts[],
  target: RoutingTarget,
  tried: ReadonlySet<string>,
  now: number,
): AgentFacts | null {
  const eligible = agents.filter((agent) => isEligible(agent, target, now));
  const untried = eligible.filter((agent) => !tried.has(agent.userId));
  return longestIdle(untried.length > 0 ? untried : eligible);
}

export function longestIdle(agents: readonly AgentFacts[]): AgentFacts | null {
  let best: AgentFacts | null = null;
  for (const agent of agents) {
    if (!best || agent.idleSince < best.idleSince || (agent.idleSince === best.idleSince && agent.userId < best.userId)) best = agent;
  }
  return best;
}
