import { trusted } from "mongoose";
import { SessionModel } from "../auth/session.model.js";
import { hashToken } from "../auth/tokens.js";
import type { Clock } from "../clock.js";
import { UserModel } from "../users/user.model.js";

export interface HandshakeSession {
  userId: string;
  tokenHash: string;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const BATCH_WINDOW_MS = 3;

/**
 * Session lookups for socket handshakes, batched: after a deploy every dock reconnects at
 * once, and FerretDB's SQLite backend scans the sessions collection for each lookup, so
 * handshakes arriving within a few milliseconds share one `$in` query. Same rules as
 * findSessionUser (auth/sessions.service.ts): unexpired session, user still there.
 */
export class HandshakeSessions {
  private pending = new Map<string, Array<(session: HandshakeSession | null) => void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly clock: Clock) {}

  find(token: string): Promise<HandshakeSession | null> {
    if (!TOKEN_SHAPE.test(token)) return Promise.resolve(null);
    const tokenHash = hashToken(token);
    return new Promise((resolve) => {
      this.pending.set(tokenHash, [...(this.pending.get(tokenHash) ?? []), resolve]);
      this.timer ??= setTimeout(() => void this.flush(), BATCH_WINDOW_MS);
    });
  }

  private async flush() {
    const batch = this.pending;
    this.pending = new Map();
    this.timer = null;
    const found = new Map<string, HandshakeSession>();
    try {
      const hashes = [...batch.keys()];
      const sessions = await SessionModel.find({ tokenHash: trusted({ $in: hashes }), expiresAt: trusted({ $gt: this.clock.now() }) }, { tokenHash: 1, userId: 1 }).lean();
      const userIds = [...new Set(sessions.map((s) => String(s.userId)))];
      const users = new Set((await UserModel.find({ _id: trusted({ $in: userIds }) }, { _id: 1 }).lean()).map((u) => String(u._id)));
      for (const s of sessions) if (users.has(String(s.userId))) found.set(s.tokenHash, { userId: String(s.userId), tokenHash: s.tokenHash });
    } finally {
      for (const [hash, waiters] of batch) for (const resolve of waiters) resolve(found.get(hash) ?? null);
    }
  }
}
