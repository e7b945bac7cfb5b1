import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import { readSession, readSessions, TOKEN_SHAPE } from "./sessions.service.js";
import { hashToken } from "./tokens.js";

export interface LiveSession {
  tokenHash: string;
  userId: Types.ObjectId | string;
  expiresAt: Date;
}

/** Enough for every dock and console of a large node; past it the oldest entries go first. */
const MAX_ENTRIES = 100_000;
/** Ids per batched read: the query stays small, and a batch never waits long for the one before it. */
const MAX_BATCH = 2_000;
/** A read raced by invalidations this many times in a row is given up (the handshake says "try again"). */
const MAX_READS = 3;

/**
 * Live sessions as the socket handshakes see them, so a reconnect storm does not wait on the
 * embedded database once per socket. Only sessions read from the database are kept, with their
 * expiry checked on every use; logout, revocation and a password change cut them here at once
 * (realtime/live-sync.ts, on the node where they happen and, through the Redis relay, on the others).
 *
 * A read that started before an invalidation could bring back what was just cut, so every
 * invalidation bumps an epoch, and a read finished under a newer epoch is done again.
 */
type Stored = { userId: Types.ObjectId; expiresAt: Date } | null;
type Waiter = { resolve: (session: Stored) => void; reject: (err: unknown) => void };

export class SessionCache {
  private readonly entries = new Map<string, LiveSession>();
  private readonly byUser = new Map<string, Set<string>>();
  private epoch = 0;
  /** Sessions asked for while a read is out: they go in the next read, together. */
  private readonly queued = new Map<string, Waiter[]>();
  private reading = false;

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** The unexpired session of a token, or null (same answer as findLiveSession). */
  async find(token: string): Promise<LiveSession | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const tokenHash = hashToken(token);
    const cached = this.entries.get(tokenHash);
    if (cached) return cached.expiresAt > this.clock.now() ? cached : null;
    for (let read = 0; read < MAX_READS; read++) {
      const epoch = this.epoch;
      const session = await this.read(tokenHash);
      if (epoch !== this.epoch) continue;
      if (!session || session.expiresAt <= this.clock.now()) return null;
      const live = { tokenHash, userId: session.userId, expiresAt: session.expiresAt };
      this.remember(live);
      return live;
    }
    throw new Error("sessions kept changing while being read");
  }

  /**
   * One read out at a time: alone it is the `_id` lookup FerretDB answers from its primary key;
   * in a reconnect storm everyone who arrived meanwhile shares the next one, so ten thousand
   * handshakes cost a few queries, not ten thousand.
   */
  private read(tokenHash: string): Promise<Stored> {
    return new Promise((resolve, reject) => {
      const waiters = this.queued.get(tokenHash) ?? [];
      waiters.push({ resolve, reject });
      this.queued.set(tokenHash, waiters);
      if (!this.reading) void this.drain();
    });
  }

  private async drain() {
    this.reading = true;
    while (this.queued.size > 0) {
      const batch = [...this.queued].slice(0, MAX_BATCH);
      for (const [tokenHash] of batch) this.queued.delete(tokenHash);
      try {
        const found =
          batch.length === 1 ? [await readSession(batch[0]![0])].filter((session) => session !== null) : await readSessions(batch.map(([tokenHash]) => tokenHash));
        const byId = new Map(found.map((session) => [session._id, session]));
        for (const [tokenHash, waiters] of batch) for (const waiter of waiters) waiter.resolve(byId.get(tokenHash) ?? null);
      } catch (err) {
        for (const [, waiters] of batch) for (const waiter of waiters) waiter.reject(err);
      }
    }
    this.reading = false;
  }

  /**
   * Still live after the handshake's other awaits? A cut that came meanwhile would otherwise
   * miss the socket: it joins its session's rooms only once admitted.
   */
  holds(session: LiveSession): boolean {
    return this.entries.get(session.tokenHash) === session && session.expiresAt > this.clock.now();
  }

  /** Logout: that one session. */
  forgetSession(tokenHash: string): void {
    this.epoch++;
    const entry = this.entries.get(tokenHash);
    if (entry) this.drop(entry);
  }

  /** Revocation or password change: every session of the user, but the one kept. */
  forgetUser(userId: string, keepTokenHash?: string): void {
    this.epoch++;
    for (const tokenHash of this.byUser.get(userId) ?? []) {
      if (tokenHash !== keepTokenHash) this.drop(this.entries.get(tokenHash)!);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(session: LiveSession) {
    this.entries.set(session.tokenHash, session);
    const userId = String(session.userId);
    const tokens = this.byUser.get(userId) ?? new Set<string>();
    tokens.add(session.tokenHash);
    this.byUser.set(userId, tokens);
    if (this.entries.size > this.maxEntries) this.drop(this.entries.values().next().value!);
  }

  private drop(session: LiveSession) {
    this.entries.delete(session.tokenHash);
    const userId = String(session.userId);
    const tokens = this.byUser.get(userId);
    tokens?.delete(session.tokenHash);
    if (tokens?.size === 0) this.byUser.delete(userId);
  }
}
