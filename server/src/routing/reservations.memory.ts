import { hasCapacityFor } from "@switchboard/shared";
import { decodeHolder, encodeHolder, holdingsFrom, type ReservationStore } from "./reservations.js";

/**
 * One node: each method checks and writes without an `await` in between, so on Node's single
 * thread it is a critical section by construction.
 */
export class MemoryReservationStore implements ReservationStore {
  private readonly holders = new Map<string, string>();
  private readonly loads = new Map<string, Map<string, string>>();

  private loadOf(agent: string) {
    let load = this.loads.get(agent);
    if (!load) this.loads.set(agent, (load = new Map()));
    return load;
  }

  async reserveOffer({ interactionId, offerId, agent, kind, limits }: Parameters<ReservationStore["reserveOffer"]>[0]) {
    if (this.holders.has(interactionId)) return "held" as const;
    const load = this.loadOf(agent);
    if (!hasCapacityFor(kind, holdingsFrom(load), limits)) return "full" as const;
    this.holders.set(interactionId, encodeHolder({ stage: "offer", offerId, agent }));
    load.set(interactionId, `${kind}|offer`);
    return "ok" as const;
  }

  async acceptOffer({ interactionId, offerId, agent, kind }: Parameters<ReservationStore["acceptOffer"]>[0]) {
    if (this.holders.get(interactionId) !== encodeHolder({ stage: "offer", offerId, agent })) return false;
    this.holders.set(interactionId, encodeHolder({ stage: "connected", agent }));
    this.loadOf(agent).set(interactionId, `${kind}|connected`);
    return true;
  }

  async endOffer({ interactionId, offerId, agent }: Parameters<ReservationStore["endOffer"]>[0]) {
    return this.drop(interactionId, agent, encodeHolder({ stage: "offer", offerId, agent }));
  }

  async release({ interactionId, agent }: Parameters<ReservationStore["release"]>[0]) {
    return this.drop(interactionId, agent, encodeHolder({ stage: "connected", agent }));
  }

  private drop(interactionId: string, agent: string, expected: string) {
    if (this.holders.get(interactionId) !== expected) return false;
    this.holders.delete(interactionId);
    this.loadOf(agent).delete(interactionId);
    return true;
  }

  async holdings(agents: readonly string[]) {
    return agents.map((agent) => holdingsFrom(this.loads.get(agent) ?? []));
  }

  async holderOf(interactionId: string) {
    return decodeHolder(this.holders.get(interactionId) ?? null);
  }

  async reclaimDeadNodes() {
    return [];
  }

  async close() {}
}
