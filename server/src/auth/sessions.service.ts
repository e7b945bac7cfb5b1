import { trusted, type Types } from "mongoose";
import type { Clock } from "../clock.js";
import { UserModel } from "../users/user.model.js";
import { SessionModel } from "./session.model.js";
import { hashToken, newOpaqueToken } from "./tokens.js";

const DAY_MS = 86_400_000;

export interface SessionListener {
  /** Called after a user's sessions are destroyed, so live sockets can be cut too. */
  onSessionsRevoked(userId: string, reason: "logout" | "revoked"): void;
}

export async function createSession(userId: Types.ObjectId | string, clock: Clock, days: number): Promise<string> {
  const token = newOpaqueToken();
  const now = clock.now();
  await SessionModel.create({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + days * DAY_MS) });
  return token;
}

/** Resolves a bearer/cookie token to its user, or null when unknown, expired or the user is gone. */
export async function findSessionUser(token: string, clock: Clock) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const session = await SessionModel.findOne({ tokenHash, expiresAt: trusted({ $gt: clock.now() }) }).lean();
  if (!session) return null;
  const user = await UserModel.findById(session.userId).lean();
  return user ? { user, tokenHash } : null;
}

export async function destroySession(tokenHash: string): Promise<void> {
  await SessionModel.deleteOne({ tokenHash });
}

export async function destroyUserSessions(userId: Types.ObjectId | string): Promise<void> {
  await SessionModel.deleteMany({ userId });
}

/** Periodic clean-up standing in for a TTL index (FerretDB v1 has none). */
export async function deleteExpiredSessions(clock: Clock): Promise<number> {
  const { deletedCount } = await SessionModel.deleteMany({ expiresAt: trusted({ $lte: clock.now() }) });
  return deletedCount;
}
