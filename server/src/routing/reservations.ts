import type { CapacityLimits, InteractionKind } from "@switchboard/shared";

/**
 * DESIGN.md §10 "capacity is an invariant": no agent ever holds more offers plus interactions
 * than their capacity, and no interaction is offered or connected to two agents at once,
 * whatever arrives at once on however many nodes. Both rules are decided here, in one atomic
 * step per change: an in-process critical section on one node, a Redis script with REDIS_URL.
 * Never in the document database (FerretDB v1 updates are not atomic).
 *
 * `agent` is a member key (`workspaceId|userId`); interaction ids are global.
 */
export interface ReservationStore {
  /** Holds the interaction for an offer to `agent`: refused when someone holds it already or the agent has no room. */
  reserveOffer(input: { interactionId: string; offerId: string; agent: string; kind: InteractionKind; limits: CapacityLimits }): Promise<ReserveResult>;
  /** The offer becomes the agent's interaction; false when the offer is no longer the holder (timed out, cancelled). */
  acceptOffer(input: { interactionId: string; offerId: string; agent: string; kind: InteractionKind }): Promise<boolean>;
  /** Ends an offer (declined, timed out, cancelled) and frees its slot; false when it was no longer the holder. */
  endOffer(input: { interactionId: string; offerId: string; agent: string }): Promise<boolean>;
  /** Frees a connected interaction (closed, or back to the queue); false when the agent did not hold it. */
  release(input: { interactionId: string; agent: string }): Promise<boolean>;
  holdings(agents: readonly string[]): Promise<AgentHoldings[]>;
  holderOf(interactionId: string): Promise<Holder | null>;
  /**
   * Ringing offers reserved by nodes that died (their heartbeat expired), freed: a node can die
   * between reserving an offer and recording it, which would leave the interaction held by nobody
   * who answers. The in-process store dies with its node and has none.
   */
  reclaimDeadNodes(): Promise<ReclaimedOffer[]>;
  close(): Promise<void>;
}

/** The store's key for a member: agents are per workspace. */
export const agentKey = (workspaceId: string, userId: string) => `${workspaceId}|${userId}`;

export type ReserveResult = "ok" | "held" | "full";

export interface ReclaimedOffer {
  interactionId: string;
  offerId: string;
  agent: string;
}

export interface AgentHoldings {
  /** Offers plus connected, per kind: what capacity counts. */
  calls: number;
  chats: number;
  /** Connected only: presence's onCall and activeChats. */
  connectedCalls: number;
  connectedChats: number;
  /** The interaction ids held, with whether each is an offer or connected. */
  items: Array<{ interactionId: string; kind: InteractionKind; stage: "offer" | "connected" }>;
}

export type Holder = { stage: "offer"; offerId: string; agent: string } | { stage: "connected"; agent: string };

export const EMPTY_HOLDINGS: AgentHoldings = Object.freeze({ calls: 0, chats: 0, connectedCalls: 0, connectedChats: 0, items: [] });

/** Holder and holding encodings shared by both stores (the Redis script writes the same strings). */
export const encodeHolder = (holder: Holder): string => (holder.stage === "offer" ? `offer|${holder.offerId}|${holder.agent}` : `connected|${holder.agent}`);
export function decodeHolder(raw: string | null): Holder | null {
  if (!raw) return null;
  const [stage, ...rest] = raw.split("|");
  if (stage === "offer") return { stage, offerId: rest[0]!, agent: rest.slice(1).join("|") };
  return { stage: "connected", agent: rest.join("|") };
}

/** Counts one agent's holdings from `interactionId → "<kind>|<stage>"` entries. */
export function holdingsFrom(entries: Iterable<[string, string]>): AgentHoldings {
  const result: AgentHoldings = { calls: 0, chats: 0, connectedCalls: 0, connectedChats: 0, items: [] };
  for (const [interactionId, value] of entries) {
    const [kind, stage] = value.split("|") as [InteractionKind, "offer" | "connected"];
    if (kind === "call") result.calls++;
    else result.chats++;
    if (stage === "connected") {
      if (kind === "call") result.connectedCalls++;
      else result.connectedChats++;
    }
    result.items.push({ interactionId, kind, stage });
  }
  return result;
}
