import type { ContentRequest } from "~messages/background.messages"
import { MessageError, MessageErrorCode, MessageTarget } from "~messages/envelope"
import { broadcastToTabs } from "~messages/send"
import type { EffectiveSettings } from "@switchboard/shared"
import type { DockSession } from "~messages/session.schema"

/** Signed in with settings read, clickToCall on, and a channel that takes calls. */
export function clickToCallEnabled(settings: EffectiveSettings | null): boolean {
  return settings !== null && settings.clickToCall && settings.channel !== "chat"
}

/**
 * A content script's request. The page side never decides: the setting is checked here,
 * on every request, and a dial is refused while click to call is off.
 */
export async function handleContentRequest(
  message: ContentRequest,
  settings: EffectiveSettings | null,
  dial: (number: string) => Promise<unknown>
): Promise<unknown> {
  const enabled = clickToCallEnabled(settings)
  if (message.type === "click-to-call:enabled") return enabled
  if (!enabled) throw new MessageError(MessageErrorCode.BLOCKED, "Click to call is off.")
  return dial(message.number)
}

const SETTINGS_PENDING = "settings-pending"

function clickToCallStateOf(session: DockSession): boolean | typeof SETTINGS_PENDING {
  if (session.signedIn && session.settings === null) return SETTINGS_PENDING
  return clickToCallEnabled(session.signedIn ? session.settings : null)
}

/**
 * What open pages must be told after a session change: the new effective value, or null
 * when it did not move. Signed out counts as off. Signed in with settings not read yet
 * (sign-in, every worker restart) tells nothing, so pages do not drop and re-add their
 * links each time Chrome restarts the worker; the settings read afterwards are always
 * told, for pages that loaded meanwhile and were answered "off".
 */
export function clickToCallChange(before: DockSession, after: DockSession): boolean | null {
  const next = clickToCallStateOf(after)
  if (next === SETTINGS_PENDING || next === clickToCallStateOf(before)) return null
  return next
}

let announcing: Promise<void> = Promise.resolve()

/** Tells every open tab; chained, so a quick off → on reaches each page in that order. */
export function announceClickToCall(enabled: boolean): void {
  announcing = announcing
    .then(() => broadcastToTabs({ target: MessageTarget.content, type: "click-to-call:changed", enabled }))
    .catch((error) => console.error("click to call announcement failed", error))
}
