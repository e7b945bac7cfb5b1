import { trusted, type Types } from "mongoose";
import type { Clock } from "../clock.js";
import { UserModel } from "../users/user.model.js";
import { SessionModel } from "./session.model.js";
import { hashToken, newOpaqueToken } from "./tokens.js";

const DAY_MS = 86_400_000;

export async function createSession(userId: Types.ObjectId | string, clock: Clock, days: number): Promise<string> {
  const token = newOpaqueToken();
  const now = clock.now();
  await SessionModel.create({ _id: hashToken(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + days * DAY_MS) });
  return token;
}

/** A session's owner and expiry by its `_id`, the one filter FerretDB answers from its primary key. */
export const readSession = (tokenHash: string) => SessionModel.findById(tokenHash, { userId: 1, expiresAt: 1 }).lean();

/** Every session's owner and expiry, as a cursor: the session cache fills itself at boot (auth/session-cache.ts). */
export const allSessions = () => SessionModel.find({}, { userId: 1, expiresAt: 1 }).lean().cursor();

export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The unexpired session of a token, or null. The filter is `_id` alone (expiry is checked here)
 * so that FerretDB answers it from its primary key instead of scanning.
 */
export async function findLiveSession(token: string, clock: Clock) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const tokenHash = hashToken(token);
  const session = await readSession(tokenHash);
  return session && session.expiresAt > clock.now() ? { tokenHash, userId: session.userId, expiresAt: session.expiresAt } : null;
}

/** Resolves a bearer/cookie token to its user, or null when unknown, expired or the user is gone. */
export async function findSessionUser(token: string, clock: Clock) {
  const session = await findLiveSession(token, clock);
  if (!session) return null;
  const user = await UserModel.findById(session.userId).lean();
  return user ? { user, tokenHash: session.tokenHash } : null;
}

export async function destroySession(tokenHash: string): Promise<void> {
  await SessionModel.deleteOne({ _id: tokenHash });
}

export async function destroyUserSessions(userId: Types.ObjectId | string): Promise<void> {
  await SessionModel.deleteMany({ userId });
}

/** Periodic clean-up standing in for a TTL index (FerretDB v1 has none). */
export async function deleteExpiredSessions(clock: Clock): Promise<number> {
  const { deletedCount } = await SessionModel.deleteMany({ expiresAt: trusted({ $lte: clock.now() }) });
  return deletedCount;
}
