import { trusted } from "mongoose";
import { Redis } from "ioredis";
import { InteractionModel } from "../routing/interaction.model.js";

/** The states in which a chat counts against its address (DESIGN.md §13: 3 open chats per address). */
export const OPEN_CHAT_STATES = ["queued", "offered", "connected"] as const;
export const isOpenChatState = (state: string) => (OPEN_CHAT_STATES as readonly string[]).includes(state);

/**
 * Open chats per visitor address, kept beside the database: counting them there on every
 * `chat:start` scanned the whole interactions collection on FerretDB (it filters only `_id` in
 * the engine), which made a burst of chats quadratic. `open` checks and records in one step;
 * routing calls `closed` when a chat leaves the open states (Router.changed).
 */
export interface OpenChatsByAddress {
  /** Records the chat for the address unless the address already has `limit` open; false then. */
  open(address: string, interactionId: string, limit: number): Promise<boolean>;
  closed(address: string, interactionId: string): Promise<void>;
  close(): Promise<void>;
}

/** One node: the address's open chats are read from the database once, then kept here. */
export class MemoryOpenChats implements OpenChatsByAddress {
  private readonly byAddress = new Map<string, Promise<Set<string>>>();

  private chatsOf(address: string) {
    let chats = this.byAddress.get(address);
    if (!chats) {
      chats = InteractionModel.find({ visitorAddress: address, state: trusted({ $in: OPEN_CHAT_STATES }) }, { _id: 1 })
        .lean()
        .then((docs) => new Set(docs.map((doc) => String(doc._id))));
      chats.catch(() => this.byAddress.delete(address));
      this.byAddress.set(address, chats);
    }
    return chats;
  }

  async open(address: string, interactionId: string, limit: number) {
    const chats = await this.chatsOf(address);
    // No await between the check and the add: a critical section on Node's single thread.
    if (chats.size >= limit) return false;
    chats.add(interactionId);
    return true;
  }

  async closed(address: string, interactionId: string) {
    (await this.byAddress.get(address))?.delete(interactionId);
  }

  async close() {}
}

const OPEN_SCRIPT = `
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;
/** A visitor who never closes keeps their chats open; the set forgets an address idle this long. */
const ADDRESS_TTL_SECONDS = 24 * 3600;
const addressKey = (address: string) => `chat:open:${address}`;

type ScriptRedis = Redis & { openChat(key: string, interactionId: string, limit: string, ttl: string): Promise<number> };

/** Several nodes: one set per address in Redis, checked and added by one script. */
export class RedisOpenChats implements OpenChatsByAddress {
  private readonly redis: ScriptRedis;

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: null }) as ScriptRedis;
    this.redis.defineCommand("openChat", { numberOfKeys: 1, lua: OPEN_SCRIPT });
  }

  async open(address: string, interactionId: string, limit: number) {
    return (await this.redis.openChat(addressKey(address), interactionId, String(limit), String(ADDRESS_TTL_SECONDS))) === 1;
  }

  async closed(address: string, interactionId: string) {
    await this.redis.srem(addressKey(address), interactionId);
  }

  async close() {
    this.redis.disconnect();
  }
}
