import { z } from "zod";
import { ErrorCode } from "../errors/error-codes.js";
import { objectIdSchema } from "../members/common.schema.js";

/**
 * Bumped whenever an event or payload changes incompatibly. Docks update on the Chrome
 * Web Store's schedule, so the server refuses versions below MIN_PROTOCOL_VERSION with a
 * stable reason instead of failing later in odd ways.
 */
export const PROTOCOL_VERSION = 1;
export const MIN_PROTOCOL_VERSION = 1;

export const Namespace = Object.freeze({ dock: "/dock", console: "/console", visitor: "/visitor" } as const);
export type Namespace = (typeof Namespace)[keyof typeof Namespace];

/**
 * Why a handshake was refused: `connect_error.message` is one of these, and
 * `connect_error.data` is `{ code, message, minProtocolVersion? }`. Never rename one.
 */
export const RefusalReason = Object.freeze({
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  PROTOCOL_OUTDATED: ErrorCode.PROTOCOL_OUTDATED,
  FORBIDDEN: ErrorCode.FORBIDDEN,
  VALIDATION_FAILED: ErrorCode.VALIDATION_FAILED,
} as const);
export type RefusalReason = (typeof RefusalReason)[keyof typeof RefusalReason];

export const refusalDataSchema = z.object({
  code: z.enum(Object.values(RefusalReason) as [RefusalReason, ...RefusalReason[]]),
  message: z.string(),
  minProtocolVersion: z.number().int().optional(),
});
export type RefusalData = z.infer<typeof refusalDataSchema>;

/**
 * `io(url + "/dock", { auth })`. The dock sends its bearer token; the console may omit it
 * and rely on its session cookie (same origin only).
 */
export const handshakeAuthSchema = z.strictObject({
  token: z.string().max(200).optional(),
  protocolVersion: z.number().int().min(0),
  workspaceId: objectIdSchema,
  /** Stable per browser profile, so the board lists a re-opened dock as the same device. */
  deviceId: z.string().min(1).max(64).optional(),
  deviceLabel: z.string().max(80).optional(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/**
 * Why the server ended a session's sockets (`session:revoked`): signed out, access revoked, the
 * session's time ran out, or the password changed (which ends every other session). Never rename one.
 */
export const SessionEndReason = Object.freeze({
  logout: "logout",
  revoked: "revoked",
  expired: "expired",
  passwordChanged: "password_changed",
} as const);
export type SessionEndReason = (typeof SessionEndReason)[keyof typeof SessionEndReason];
