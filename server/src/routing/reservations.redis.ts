import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import { decodeHolder, holdingsFrom, type ReclaimedOffer, type ReservationStore } from "./reservations.js";

const SCRIPT = readFileSync(new URL("./reserve.lua", import.meta.url), "utf8");
const holderKey = (interactionId: string) => `rt:holder:${interactionId}`;
const loadKey = (agent: string) => `rt:load:${agent}`;
const aliveKey = (node: string) => `rt:alive:${node}`;
const NODES = "rt:nodes";
/** A node that has not renewed its heartbeat this long is dead: its ringing offers are reclaimed. */
const NODE_TTL_MS = 15_000;

type ScriptRedis = Redis & { reservation(holder: string, load: string, ...args: string[]): Promise<string | number> };

/** Several nodes: every check-and-write is one Lua script, so Redis runs it alone. */
export class RedisReservationStore implements ReservationStore {
  private readonly redis: ScriptRedis;
  /** This node, in every offer it reserves; its heartbeat key says it is alive. */
  readonly nodeId: string;
  private readonly nodeTtlMs: number;
  private readonly heartbeat: NodeJS.Timeout;
  private lastBeat: Promise<unknown>;

  constructor(url: string, options: { nodeId?: string; nodeTtlMs?: number } = {}) {
    this.redis = new Redis(url, { maxRetriesPerRequest: null }) as ScriptRedis;
    this.redis.defineCommand("reservation", { numberOfKeys: 2, lua: SCRIPT });
    this.nodeId = options.nodeId ?? randomBytes(8).toString("hex");
    this.nodeTtlMs = options.nodeTtlMs ?? NODE_TTL_MS;
    this.lastBeat = this.beat();
    this.heartbeat = setInterval(() => void (this.lastBeat = this.beat()), Math.max(10, Math.floor(this.nodeTtlMs / 3))).unref();
  }

  private beat() {
    return this.redis.multi().set(aliveKey(this.nodeId), "1", "PX", this.nodeTtlMs).sadd(NODES, this.nodeId).exec();
  }

  async reserveOffer({ interactionId, offerId, agent, kind, limits }: Parameters<ReservationStore["reserveOffer"]>[0]) {
    await this.lastBeat; // listed as alive before it holds anything
    const args = ["reserve", interactionId, offerId, agent, kind, String(limits.chatsPerUser), limits.simultaneousChannelHandling ? "1" : "0", this.nodeId];
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

  /** Frees the ringing offers of nodes whose heartbeat expired; each is returned once. */
  async reclaimDeadNodes(): Promise<ReclaimedOffer[]> {
    const nodes = (await this.redis.smembers(NODES)).filter((node) => node !== this.nodeId);
    const reclaimed: ReclaimedOffer[] = [];
    for (const node of nodes) {
      if (await this.redis.exists(aliveKey(node))) continue;
      const freed = (await this.redis.reservation("rt:reclaim", "rt:reclaim", "reclaim", node, "", "", "")) as unknown as string[];
      for (const entry of freed) {
        const [interactionId, offerId, ...agent] = entry.split("|");
        reclaimed.push({ interactionId: interactionId!, offerId: offerId!, agent: agent.join("|") });
      }
    }
    return reclaimed;
  }

  async close() {
    clearInterval(this.heartbeat);
    this.redis.disconnect();
  }
}
