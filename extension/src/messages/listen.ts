import type * as z from "zod"
import {
  MessageError,
  MessageErrorCode,
  replyError,
  replyOk,
  type MessageReply,
  type MessageTarget,
} from "./envelope"
import {
  classifySender,
  currentExtensionIdentity,
  type ExtensionIdentity,
  type SenderInfo,
  type SenderKind,
} from "./sender"

/** Who sent a message, as Chrome (not the message) says. */
export interface TrustedSender {
  kind: SenderKind
  tabId?: number
  /** Whether the sender's tab was the active tab of its window when it sent. */
  tabActive?: boolean
  frameId?: number
}

/** Who may send which schema to a context, and what to do with it. */
export interface MessageChannel<S extends z.ZodType = z.ZodType> {
  from: readonly SenderKind[]
  schema: S
  handle(message: z.infer<S>, sender: TrustedSender): unknown
}

export function messageChannel<S extends z.ZodType>(channel: MessageChannel<S>): MessageChannel<S> {
  return channel
}

function isAddressedTo(raw: unknown, target: MessageTarget): boolean {
  return typeof raw === "object" && raw !== null && (raw as { target?: unknown }).target === target
}

/**
 * Sender check, then a strict parse, then the handler. Returns `null` for
 * messages addressed to another context, so that context answers instead.
 */
export async function dispatchMessage(
  raw: unknown,
  sender: SenderInfo,
  target: MessageTarget,
  channels: readonly MessageChannel[],
  self: ExtensionIdentity
): Promise<MessageReply | null> {
  if (!isAddressedTo(raw, target)) return null
  try {
    const kind = classifySender(sender, self)
    const allowed = kind ? channels.filter((channel) => channel.from.includes(kind)) : []
    if (!kind || allowed.length === 0) {
      throw new MessageError(MessageErrorCode.FORBIDDEN_SENDER, `${target} does not accept this sender`)
    }
    let lastIssues: unknown
    for (const channel of allowed) {
      const parsed = channel.schema.safeParse(raw)
      if (parsed.success) {
        return replyOk(
          await channel.handle(parsed.data, { kind, tabId: sender.tab?.id, tabActive: sender.tab?.active, frameId: sender.frameId })
        )
      }
      lastIssues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }))
    }
    throw new MessageError(MessageErrorCode.VALIDATION_FAILED, "invalid message", lastIssues)
  } catch (error) {
    return replyError(error)
  }
}

/** Registers one chrome.runtime.onMessage listener for `target`. */
export function listenForMessages(target: MessageTarget, channels: readonly MessageChannel[]): void {
  const self = currentExtensionIdentity()
  chrome.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    if (!isAddressedTo(raw, target)) return false
    void dispatchMessage(raw, sender, target, channels, self).then((reply) => sendResponse(reply))
    // Keeps the channel open for the async reply.
    return true
  })
}

/**
 * Accepts ports named `name` from the given senders only; each port message is
 * parsed strictly and handed on, invalid ones dropped.
 */
export function listenForPort<S extends z.ZodType>(
  name: string,
  from: readonly SenderKind[],
  schema: S,
  handle: (message: z.infer<S>) => unknown
): void {
  const self = currentExtensionIdentity()
  chrome.runtime.onConnect.addListener((port) => {
    if (port.name !== name) return
    const kind = port.sender ? classifySender(port.sender, self) : null
    if (!kind || !from.includes(kind)) {
      port.disconnect()
      return
    }
    port.onMessage.addListener((raw) => {
      const parsed = schema.safeParse(raw)
      if (parsed.success) void handle(parsed.data)
    })
  })
}
