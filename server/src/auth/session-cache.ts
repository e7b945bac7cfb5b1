import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import { allSessions, readSession, TOKEN_SHAPE } from "./sessions.service.js";
import { hashToken } from "./tokens.js";

export interface LiveSession {
  tokenHash: string;
  userId: Types.ObjectId | string;
  expiresAt: Date;
}

/** Enough for every dock and console of a large node; past it the oldest entries go first. */
const MAX_ENTRIES = 100_000;
/** Session reads out at once: a storm of handshakes queues here, not in the database's connection pool. */
const MAX_READS_IN_FLIGHT = 8;
/** A read raced by invalidations this many times in a row is given up (the handshake says "try again"). */
const MAX_READS = 3;

type Stored = { userId: Types.ObjectId; expiresAt: Date } | null;

/**
 * Live sessions as the socket handshakes see them, so a reconnect storm does not wait on the
 * embedded database once per socket. The cache fills itself at boot with one pass over the
 * sessions (a restarted node then admits its returning docks from memory) and with each session
 * read since; expiry is checked on every use; logout, revocation and a password change cut
 * entries at once (realtime/live-sync.ts, on the node where they happen and, through the Redis
 * relay, on the others).
 *
 * A read that started before an invalidation could bring back what was just cut, so every
 * invalidation bumps an epoch: a read finished under a newer epoch is done again, and the boot
 * pass stops adding.
 */
export class SessionCache {
  private readonly entries = new Map<string, LiveSession>();
  private readonly byUser = new Map<string, Set<string>>();
  private epoch = 0;
  /** Reads under way, by session: handshakes of one session share a read. */
  private readonly reads = new Map<string, Promise<Stored>>();
  private readonly queue: Array<() => void> = [];
  private inFlight = 0;
  private warming: Promise<void> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** The unexpired session of a token, or null (same answer as findLiveSession). */
  async find(token: string): Promise<LiveSession | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const tokenHash = hashToken(token);
    // During the boot pass a returning dock waits for it rather than adding a read of its own.
    if (this.warming && !this.entries.has(tokenHash)) await this.warming;
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

  /** One pass over the stored sessions (up to the cache's size), at boot; a failure leaves the cache to fill by reads. */
  warm(): Promise<void> {
    const epoch = this.epoch;
    const pass = async () => {
      for await (const session of allSessions()) {
        if (epoch !== this.epoch || this.entries.size >= this.maxEntries) break;
        if (session.expiresAt > this.clock.now() && !this.entries.has(session._id)) this.remember({ tokenHash: session._id, userId: session.userId, expiresAt: session.expiresAt });
      }
    };
    this.warming = pass()
      .catch(() => {})
      .finally(() => (this.warming = null));
    return this.warming;
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

  private read(tokenHash: string): Promise<Stored> {
    let read = this.reads.get(tokenHash);
    if (!read) {
      read = this.limited(() => readSession(tokenHash)).finally(() => this.reads.delete(tokenHash));
      this.reads.set(tokenHash, read);
    }
    return read;
  }

  /** The `_id` lookup FerretDB answers from its primary key, a few at a time. */
  private async limited<T>(run: () => Promise<T>): Promise<T> {
    if (this.inFlight >= MAX_READS_IN_FLIGHT) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.inFlight++;
    try {
      return await run();
    } finally {
      this.inFlight--;
      this.queue.shift()?.();
    }
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
