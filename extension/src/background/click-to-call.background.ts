import type { ContentRequest } from "~messages/background.messages"
import { MessageError, MessageErrorCode, MessageTarget } from "~messages/envelope"
import type { TrustedSender } from "~messages/listen"
import { broadcastToTabs } from "~messages/send"
import { SenderKind } from "~messages/sender"
import { ErrorCode, type EffectiveSettings } from "@switchboard/shared"
import type { DockSession } from "~messages/session.schema"

/** Signed in with settings read, clickToCall on, and a channel that takes calls. */
export function clickToCallEnabled(settings: EffectiveSettings | null): boolean {
  return settings !== null && settings.clickToCall && settings.channel !== "chat"
}

/** One call per tab within this window: a human places calls seconds apart, a loop does not. */
export const DIAL_INTERVAL_MS = 3_000

/**
 * A content script's request. The page side never decides: the setting is checked here,
 * on every request, and a dial is refused while click to call is off.
 *
 * Why the user's gesture is checked in the content script and not proven here: a content
 * script shares its renderer with the page, so nothing it puts in a message (a flag, a
 * timestamp, a token) proves a click: whoever can forge the message can forge the proof.
 * What keeps a page from placing calls is the isolated world: page scripts cannot reach the
 * content script's chrome.runtime, and the content script only sends a dial from a trusted
 * click on a visible link (isRealClick). What this side can trust is what Chrome fills in
 * about the sender, and it checks everything a real click implies: our own content script
 * (classifySender, by id and URL), in a tab's top frame (the only frame it runs in), in the
 * tab the person is looking at (a real click happens in the active tab, never in a
 * background one), and not faster than a person dials. That bounds what a compromised
 * renderer could do to one call now and then, from the tab in front of the agent.
 */
export function createContentRequestHandler(now: () => number = Date.now) {
  const lastDialAt = new Map<number, number>()
  return async function handleContentRequest(
    message: ContentRequest,
    sender: TrustedSender,
    settings: EffectiveSettings | null,
    dial: (number: string) => Promise<unknown>
  ): Promise<unknown> {
    const enabled = clickToCallEnabled(settings)
    if (message.type === "click-to-call:enabled") return enabled
    if (!enabled) throw new MessageError(MessageErrorCode.BLOCKED, "Click to call is off.")
    if (sender.kind !== SenderKind.contentScript || sender.tabId === undefined || sender.frameId !== 0 || sender.tabActive !== true) {
      throw new MessageError(MessageErrorCode.FORBIDDEN_SENDER, "A call link is clicked in the tab in front of you.")
    }
    const at = now()
    const last = lastDialAt.get(sender.tabId)
    if (last !== undefined && at - last < DIAL_INTERVAL_MS) {
      throw new MessageError(ErrorCode.RATE_LIMITED, "One call at a time: wait a moment before the next.")
    }
    lastDialAt.set(sender.tabId, at)
    return dial(message.number)
  }
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
