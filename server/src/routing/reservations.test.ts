import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { killProcessGroup, startRedis, startScript, type Child } from "../../test/processes.js";
import { MemoryReservationStore } from "./reservations.memory.js";
import { RedisReservationStore } from "./reservations.redis.js";
import type { ReservationStore } from "./reservations.js";

let redis: Child;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

let n = 0;
const id = () => `i${++n}-${Math.random().toString(36).slice(2, 8)}`;
const LIMITS = { chatsPerUser: 2, simultaneousChannelHandling: false };

/** The same suite for both stores: nothing else knows which one runs (DESIGN.md §10). */
const stores: Array<[string, () => ReservationStore]> = [
  ["in-process", () => new MemoryReservationStore()],
  ["redis", () => new RedisReservationStore(redis.url)],
];

for (const [name, make] of stores) {
  describe(`reservations: ${name}`, () => {
    let store: ReservationStore;
    beforeAll(() => {
      store = make();
    });
    afterAll(() => store.close());

    it("reserves up to chatsPerUser chats and refuses the next", async () => {
      const agent = `ws|${id()}`;
      expect(await store.reserveOffer({ interactionId: id(), offerId: "o1", agent, kind: "chat", limits: LIMITS })).toBe("ok");
      expect(await store.reserveOffer({ interactionId: id(), offerId: "o2", agent, kind: "chat", limits: LIMITS })).toBe("ok");
      expect(await store.reserveOffer({ interactionId: id(), offerId: "o3", agent, kind: "chat", limits: LIMITS })).toBe("full");
      const [held] = await store.holdings([agent]);
      expect(held).toMatchObject({ chats: 2, calls: 0, connectedChats: 0 });
    });

    it("refuses a second holder for one interaction", async () => {
      const interactionId = id();
      expect(await store.reserveOffer({ interactionId, offerId: "a", agent: `ws|${id()}`, kind: "chat", limits: LIMITS })).toBe("ok");
      expect(await store.reserveOffer({ interactionId, offerId: "b", agent: `ws|${id()}`, kind: "chat", limits: LIMITS })).toBe("held");
    });

    it("simultaneous handling off: no chat during a call, no call during a chat; on: both", async () => {
      const agent = `ws|${id()}`;
      expect(await store.reserveOffer({ interactionId: id(), offerId: "c", agent, kind: "call", limits: LIMITS })).toBe("ok");
      expect(await store.reserveOffer({ interactionId: id(), offerId: "d", agent, kind: "chat", limits: LIMITS })).toBe("full");
      expect(await store.reserveOffer({ interactionId: id(), offerId: "e", agent, kind: "call", limits: { ...LIMITS, simultaneousChannelHandling: true } })).toBe("full");
      expect(await store.reserveOffer({ interactionId: id(), offerId: "f", agent, kind: "chat", limits: { ...LIMITS, simultaneousChannelHandling: true } })).toBe("ok");
      const other = `ws|${id()}`;
      expect(await store.reserveOffer({ interactionId: id(), offerId: "g", agent: other, kind: "chat", limits: LIMITS })).toBe("ok");
      expect(await store.reserveOffer({ interactionId: id(), offerId: "h", agent: other, kind: "call", limits: LIMITS })).toBe("full");
    });

    it("accept turns the offer into the agent's interaction once; a timed-out offer cannot be accepted", async () => {
      const agent = `ws|${id()}`;
      const interactionId = id();
      await store.reserveOffer({ interactionId, offerId: "o", agent, kind: "chat", limits: LIMITS });
      expect(await store.acceptOffer({ interactionId, offerId: "o", agent, kind: "chat" })).toBe(true);
      expect(await store.acceptOffer({ interactionId, offerId: "o", agent, kind: "chat" })).toBe(false);
      expect(await store.endOffer({ interactionId, offerId: "o", agent })).toBe(false);
      expect(await store.holderOf(interactionId)).toEqual({ stage: "connected", agent });
      expect((await store.holdings([agent]))[0]).toMatchObject({ chats: 1, connectedChats: 1 });

      const late = id();
      await store.reserveOffer({ interactionId: late, offerId: "p", agent, kind: "chat", limits: LIMITS });
      expect(await store.endOffer({ interactionId: late, offerId: "p", agent })).toBe(true);
      expect(await store.acceptOffer({ interactionId: late, offerId: "p", agent, kind: "chat" })).toBe(false);
      expect(await store.holderOf(late)).toBeNull();
    });

    it("release frees the slot for the next offer", async () => {
      const agent = `ws|${id()}`;
      const [a, b] = [id(), id()];
      await store.reserveOffer({ interactionId: a, offerId: "1", agent, kind: "chat", limits: { ...LIMITS, chatsPerUser: 1 } });
      await store.acceptOffer({ interactionId: a, offerId: "1", agent, kind: "chat" });
      expect(await store.reserveOffer({ interactionId: b, offerId: "2", agent, kind: "chat", limits: { ...LIMITS, chatsPerUser: 1 } })).toBe("full");
      expect(await store.release({ interactionId: a, agent: "ws|someone-else" })).toBe(false);
      expect(await store.release({ interactionId: a, agent })).toBe(true);
      expect(await store.reserveOffer({ interactionId: b, offerId: "2", agent, kind: "chat", limits: { ...LIMITS, chatsPerUser: 1 } })).toBe("ok");
    });

    it("reliability: 300 concurrent reservations of 60 interactions by 10 agents never exceed capacity or double-hold", async () => {
      const agents = Array.from({ length: 10 }, () => `ws|${id()}`);
      const interactions = Array.from({ length: 60 }, () => id());
      // With Redis a second connection stands in for a second node; in-process there is one store per node.
      const other = name === "redis" ? make() : store;
      const attempts = Array.from({ length: 300 }, (_, i) => {
        const target = i % 2 === 0 ? store : other;
        return target.reserveOffer({
          interactionId: interactions[i % 60]!,
          offerId: `o${i}`,
          agent: agents[(i * 7) % 10]!,
          kind: "chat",
          limits: { chatsPerUser: 3, simultaneousChannelHandling: false },
        });
      });
      const results = await Promise.all(attempts);
      if (other !== store) await other.close();
      const held = await store.holdings(agents);
      for (const agentHeld of held) expect(agentHeld.chats).toBeLessThanOrEqual(3);
      const heldIds = held.flatMap((h) => h.items.map((item) => item.interactionId));
      expect(new Set(heldIds).size).toBe(heldIds.length);
      expect(results.filter((r) => r === "ok").length).toBe(heldIds.length);
      expect(heldIds.length).toBe(30);
    });
  });
}

describe("reservations: a node that dies", () => {
  it("reliability: the ringing offers a killed node reserved are reclaimed once its heartbeat lapses; a live node's never", async () => {
    const nodeTtlMs = 300;
    const survivor = new RedisReservationStore(redis.url, { nodeTtlMs });
    const alive = new RedisReservationStore(redis.url, { nodeTtlMs });
    try {
      const [agent, interactionId] = [`ws|${id()}`, id()];
      const doomed = await startScript(fileURLToPath(new URL("../../test/reservation-node.process.ts", import.meta.url)), {
        REDIS_URL: redis.url,
        NODE_TTL_MS: String(nodeTtlMs),
        INTERACTION_ID: interactionId,
        OFFER_ID: "dead-offer",
        AGENT: agent,
      }, { ownProcessGroup: true });
      const [liveAgent, liveInteraction] = [`ws|${id()}`, id()];
      expect(await alive.reserveOffer({ interactionId: liveInteraction, offerId: "live-offer", agent: liveAgent, kind: "chat", limits: LIMITS })).toBe("ok");

      // While the node beats, nothing is reclaimed and its offer holds the agent's only slot.
      await sleep(2 * nodeTtlMs);
      expect(await survivor.reclaimDeadNodes()).toEqual([]);
      expect(await survivor.holderOf(interactionId)).toEqual({ stage: "offer", offerId: "dead-offer", agent });

      await killProcessGroup(doomed);
      await sleep(nodeTtlMs + 200);
      expect(await survivor.reclaimDeadNodes()).toEqual([{ interactionId, offerId: "dead-offer", agent }]);
      expect(await survivor.reclaimDeadNodes()).toEqual([]);
      expect(await survivor.holderOf(interactionId)).toBeNull();
      expect((await survivor.holdings([agent]))[0]).toMatchObject({ chats: 0, items: [] });
      const one = { chatsPerUser: 1, simultaneousChannelHandling: false };
      expect(await survivor.reserveOffer({ interactionId, offerId: "again", agent, kind: "chat", limits: one })).toBe("ok");
      expect(await survivor.holderOf(liveInteraction)).toEqual({ stage: "offer", offerId: "live-offer", agent: liveAgent });
    } finally {
      await Promise.all([survivor.close(), alive.close()]);
    }
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
