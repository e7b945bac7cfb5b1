import { unwrapReply, type MessageReply } from "./envelope"
import type { OffscreenEvent, OffscreenRequest } from "./offscreen.messages"
import type { ContentRequest, UiRequest } from "./background.messages"
import type { ContentEvent } from "./content.messages"
import type { UiEvent } from "./ui.messages"

type AnyMessage = OffscreenRequest | OffscreenEvent | UiRequest | ContentRequest | UiEvent

/** Sends one typed message and unwraps the `{ ok, data | error }` reply. */
export async function sendMessage<T = unknown>(message: AnyMessage): Promise<T> {
  const reply = (await chrome.runtime.sendMessage(message)) as MessageReply<T> | undefined
  return unwrapReply(reply)
}

/** For broadcasts nobody may be listening to (e.g. no dock UI open). */
export async function broadcastMessage(message: UiEvent): Promise<void> {
  try {
    await chrome.runtime.sendMessage(message)
  } catch (error) {
    if (!String(error).includes("Receiving end does not exist")) throw error
  }
}

/**
 * Tells the content script of every open tab. Needs no "tabs" permission: tabs.query
 * still returns ids, and tabs.sendMessage only reaches our own content scripts. Tabs
 * without one (chrome:// pages, tabs opened before install, discarded tabs) reject; skipped.
 */
export async function broadcastToTabs(message: ContentEvent): Promise<void> {
  const tabs = await chrome.tabs.query({})
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : chrome.tabs.sendMessage(tab.id, message).catch(() => undefined)
    )
  )
}
