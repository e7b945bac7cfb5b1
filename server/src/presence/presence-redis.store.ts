import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { memberKey, parseMemberKey, type DeviceEntry, type MemberKey, type PresenceRecord, type PresenceStore } from "./presence.store.js";

const RECORD_TTL_MS = 30 * 86_400_000;

/**
 * Presence shared by several nodes. Layout (prefix `sb:`):
 * - `p:<ws>|<user>`   the record (JSON)
 * - `d:<ws>|<user>`   hash socketId → device (with its node)
 * - `nd:<node>`       set of `<ws>|<user>|<socketId>` a node holds, to clean up after it dies
 * - `node:<node>`     a key with an expiry the node keeps renewing (its heartbeat)
 * - `nodes`           set of known nodes; whoever removes a dead node from it sweeps its devices
 * - `grace`           sorted set of members due offline, scored by when; ZREM decides who acts
 * Two nodes writing one member's record at once is possible only when that member has docks
 * on both; the last write wins, and the next event corrects it.
 */
export class RedisPresenceStore implements PresenceStore {
  readonly nodeId = randomBytes(6).toString("hex");
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = "sb:") {
    this.redis = new Redis(url, { maxRetriesPerRequest: 3 });
    // Errors surface on the commands that fail; ioredis reconnects on its own.
    this.redis.on("error", () => {});
  }

  private k(...parts: string[]) {
    return this.prefix + parts.join(":");
  }

  async get(key: MemberKey) {
    const raw = await this.redis.get(this.k("p", memberKey(key)));
    return raw ? (JSON.parse(raw) as PresenceRecord) : null;
  }
  async getMany(workspaceId: string, userIds: readonly string[]) {
    if (userIds.length === 0) return [];
    const raws = await this.redis.mget(userIds.map((userId) => this.k("p", memberKey({ workspaceId, userId }))));
    return raws.map((raw) => (raw ? (JSON.parse(raw) as PresenceRecord) : null));
  }
  async put(record: PresenceRecord) {
    // One pipeline: the write and the device list in one round trip before the change goes out.
    const id = memberKey(record);
    const results = await this.redis.pipeline().set(this.k("p", id), JSON.stringify(record), "PX", RECORD_TTL_MS).hvals(this.k("d", id)).exec();
    const [setResult, devicesResult] = results ?? [];
    if (setResult?.[0]) throw setResult[0];
    if (devicesResult?.[0]) throw devicesResult[0];
    return ((devicesResult?.[1] as string[] | null) ?? []).map((raw) => JSON.parse(raw) as DeviceEntry);
  }
  async addDevice(key: MemberKey, device: DeviceEntry) {
    await this.redis
      .multi()
      .hset(this.k("d", memberKey(key)), device.socketId, JSON.stringify(device))
      .sadd(this.k("nd", device.nodeId), `${memberKey(key)}|${device.socketId}`)
      .exec();
  }
  async removeDevice(key: MemberKey, socketId: string) {
    await this.redis
      .multi()
      .hdel(this.k("d", memberKey(key)), socketId)
      .srem(this.k("nd", this.nodeId), `${memberKey(key)}|${socketId}`)
      .exec();
  }
  async devices(key: MemberKey) {
    return (await this.redis.hvals(this.k("d", memberKey(key)))).map((raw) => JSON.parse(raw) as DeviceEntry);
  }
  async devicesMany(workspaceId: string, userIds: readonly string[]) {
    if (userIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) pipeline.hvals(this.k("d", memberKey({ workspaceId, userId })));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([, raws]) => ((raws as string[] | null) ?? []).map((raw) => JSON.parse(raw) as DeviceEntry));
  }
  async scheduleOffline(key: MemberKey, atMs: number) {
    await this.redis.zadd(this.k("grace"), atMs, memberKey(key));
  }
  async cancelOffline(key: MemberKey) {
    await this.redis.zrem(this.k("grace"), memberKey(key));
  }
  async claimDueOffline(nowMs: number) {
    const due = await this.redis.zrangebyscore(this.k("grace"), "-inf", nowMs, "LIMIT", 0, 500);
    const claimed: MemberKey[] = [];
    for (const id of due) {
      if ((await this.redis.zrem(this.k("grace"), id)) === 1) claimed.push(parseMemberKey(id));
    }
    return claimed;
  }
  async heartbeat(ttlMs: number) {
    await this.redis.multi().set(this.k("node", this.nodeId), "1", "PX", ttlMs).sadd(this.k("nodes"), this.nodeId).exec();
  }
  async claimOrphanedDevices() {
    const nodes = (await this.redis.smembers(this.k("nodes"))).filter((node) => node !== this.nodeId);
    const orphaned = new Map<string, MemberKey>();
    for (const node of nodes) {
      if ((await this.redis.exists(this.k("node", node))) === 1) continue;
      if ((await this.redis.srem(this.k("nodes"), node)) !== 1) continue;
      const held = await this.redis.smembers(this.k("nd", node));
      for (const entry of held) {
        const [workspaceId = "", userId = "", socketId = ""] = entry.split("|");
        await this.redis.hdel(this.k("d", memberKey({ workspaceId, userId })), socketId);
        orphaned.set(memberKey({ workspaceId, userId }), { workspaceId, userId });
      }
      await this.redis.del(this.k("nd", node));
    }
    return [...orphaned.values()];
  }
  async close() {
    // Stop beating at once: whatever devices are left get swept by the others now, not after the expiry.
    await this.redis.del(this.k("node", this.nodeId)).catch(() => {});
    this.redis.disconnect();
  }
}
