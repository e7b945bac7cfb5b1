import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import { decodeHolder, holdingsFrom, type ReservationStore } from "./reservations.js";

const SCRIPT = readFileSync(new URL("./reserve.lua", import.meta.url), "utf8");
const holderKey = (interactionId: string) => `rt:holder:${interactionId}`;
const loadKey = (agent: string) => `rt:load:${agent}`;

type ScriptRedis = Redis & { reservation(holder: string, load: string, ...args: string[]): Promise<string | number> };

/** Several nodes: every check-and-write is one Lua script, so Redis runs it alone. */
export class RedisReservationStore implements ReservationStore {
  private readonly redis: ScriptRedis;

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: null }) as ScriptRedis;
    this.redis.defineCommand("reservation", { numberOfKeys: 2, lua: SCRIPT });
  }

  async reserveOffer({ interactionId, offerId, agent, kind, limits }: Parameters<ReservationStore["reserveOffer"]>[0]) {
    const args = ["reserve", interactionId, offerId, agent, kind, String(limits.chatsPerUser), limits.simultaneousChannelHandling ? "1" : "0"];
    return (await this.redis.reservation(holderKey(interactionId), loadKey(agent), ...args)) as "ok" | "held" | "full";
  }

  async acceptOffer({ interactionId, offerId, agent, kind }: Parameters<ReservationStore["acceptOffer"]>[0]) {
    return (await this.redis.reservation(holderKey(interactionId), loadKey(agent), "accept", interactionId, offerId, agent, kind)) === 1;
  }

  async endOffer({ interactionId, offerId, agent }: Parameters<ReservationStore["endOffer"]>[0]) {
    return (await this.redis.reservation(holderKey(interactionId), loadKey(agent), "endOffer", interactionId, offerId, agent, "")) === 1;
  }

  async release({ interactionId, agent }: Parameters<ReservationStore["release"]>[0]) {
    return (await this.redis.reservation(holderKey(interactionId), loadKey(agent), "release", interactionId, "", agent, "")) === 1;
  }

  async holdings(agents: readonly string[]) {
    if (agents.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const agent of agents) pipeline.hgetall(loadKey(agent));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, hash]) => {
      if (err) throw err;
      return holdingsFrom(Object.entries((hash as Record<string, string>) ?? {}));
    });
  }

  async holderOf(interactionId: string) {
    return decodeHolder(await this.redis.get(holderKey(interactionId)));
  }

  async close() {
    this.redis.disconnect();
  }
}
