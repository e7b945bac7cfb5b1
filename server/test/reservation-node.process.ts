/**
 * A node's reservation store alone, in a process of its own, for the reclaim test: reserves one
 * chat offer (INTERACTION_ID, OFFER_ID for AGENT) in REDIS_URL with a NODE_TTL_MS heartbeat, prints
 * `READY <nodeId>`, then keeps beating until it is killed.
 */
import { RedisReservationStore } from "../src/routing/reservations.redis.js";

const env = process.env;
const store = new RedisReservationStore(env.REDIS_URL!, { nodeTtlMs: Number(env.NODE_TTL_MS) });
const result = await store.reserveOffer({
  interactionId: env.INTERACTION_ID!,
  offerId: env.OFFER_ID!,
  agent: env.AGENT!,
  kind: "chat",
  limits: { chatsPerUser: 1, simultaneousChannelHandling: false },
});
if (result !== "ok") throw new Error(`reserve: ${result}`);
console.log(`READY ${store.nodeId}`);
setInterval(() => {}, 1_000);
