import type { ReservationStore } from "../src/routing/reservations.js";

/**
 * Test aid for the capacity acceptance: wraps a node's reservation store and, after every
 * change it grants, reads the agent's holdings back and records a violation if they exceed
 * `capacityOf(agent)` or if an interaction is held by two agents at once.
 */
export function checkedStore(store: ReservationStore, capacityOf: (agent: string) => number, violations: string[]): ReservationStore {
  const check = async (agent: string, interactionId: string) => {
    const [held] = await store.holdings([agent]);
    if (held!.chats > capacityOf(agent)) violations.push(`${agent} holds ${held!.chats} chats > ${capacityOf(agent)}`);
    const holder = await store.holderOf(interactionId);
    if (holder && holder.agent !== agent && held!.items.some((item) => item.interactionId === interactionId)) {
      violations.push(`${interactionId} held by ${holder.agent} and ${agent}`);
    }
  };
  return {
    async reserveOffer(input) {
      const result = await store.reserveOffer(input);
      if (result === "ok") await check(input.agent, input.interactionId);
      return result;
    },
    async acceptOffer(input) {
      const won = await store.acceptOffer(input);
      if (won) await check(input.agent, input.interactionId);
      return won;
    },
    endOffer: (input) => store.endOffer(input),
    release: (input) => store.release(input),
    holdings: (agents) => store.holdings(agents),
    holderOf: (interactionId) => store.holderOf(interactionId),
    reclaimDeadNodes: () => store.reclaimDeadNodes(),
    close: () => store.close(),
  };
}
