import type { ContentRequest } from "~messages/background.messages"
import { MessageError, MessageErrorCode } from "~messages/envelope"
import type { DockSettings } from "~messages/session.schema"

/** Signed in with settings read, clickToCall on, and a channel that takes calls. */
export function clickToCallEnabled(settings: DockSettings | null): boolean {
  return settings !== null && settings.clickToCall && settings.channel !== "chat"
}

/**
 * A content script's request. The page side never decides: the setting is checked here,
 * on every request, and a dial is refused while click to call is off.
 */
export async function handleContentRequest(
  message: ContentRequest,
  settings: DockSettings | null,
  dial: (number: string) => Promise<unknown>
): Promise<unknown> {
  const enabled = clickToCallEnabled(settings)
  if (message.type === "click-to-call:enabled") return enabled
  if (!enabled) throw new MessageError(MessageErrorCode.BLOCKED, "Click to call is off.")
  return dial(message.number)
}
