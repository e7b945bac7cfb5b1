/**
 * Every runtime message names the context it is for. chrome.runtime.sendMessage
 * is a broadcast to every extension page (popup, side panel, offscreen document,
 * service worker), so each listener ignores what is not addressed to it and
 * never answers in another context's place.
 */
export const MessageTarget = Object.freeze({
  background: "background",
  offscreen: "offscreen",
  ui: "ui",
  /** Our content scripts; reached through chrome.tabs.sendMessage, never runtime.sendMessage. */
  content: "content",
} as const)
export type MessageTarget = (typeof MessageTarget)[keyof typeof MessageTarget]

import type { ErrorCode } from "@switchboard/shared"

/**
 * Stable reason codes for messages the dock itself refuses or fails. A request the server
 * refused keeps the server's code (shared ErrorCode), so the UI can tell them apart.
 */
export const MessageErrorCode = Object.freeze({
  VALIDATION_FAILED: "VALIDATION_FAILED",
  FORBIDDEN_SENDER: "FORBIDDEN_SENDER",
  SOFTPHONE_UNAVAILABLE: "SOFTPHONE_UNAVAILABLE",
  NOT_FOUND: "NOT_FOUND",
  /** A member setting forbids it (e.g. blockManualDialing). */
  BLOCKED: "BLOCKED",
  INTERNAL: "INTERNAL",
} as const)
export type MessageErrorCode = (typeof MessageErrorCode)[keyof typeof MessageErrorCode]

export type ReplyErrorCode = MessageErrorCode | ErrorCode

export type MessageReply<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ReplyErrorCode; message: string; details?: unknown } }

export class MessageError extends Error {
  constructor(
    readonly code: ReplyErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = "MessageError"
  }
}

export function replyOk<T>(data: T): MessageReply<T> {
  return { ok: true, data }
}

export function replyError(error: unknown): MessageReply<never> {
  if (error instanceof MessageError) {
    return { ok: false, error: { code: error.code, message: error.message, details: error.details } }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { ok: false, error: { code: MessageErrorCode.INTERNAL, message } }
}

/** Unwraps a reply, turning `{ ok: false }` back into a MessageError. */
export function unwrapReply<T>(reply: MessageReply<T> | undefined): T {
  if (!reply) throw new MessageError(MessageErrorCode.INTERNAL, "no reply (nobody listening?)")
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message, reply.error.details)
  return reply.data
}
