import type { Offer } from "@switchboard/shared"
import { request } from "./dock-socket"
import { updateRouting } from "./dock-state"
import { applyRoutingEvent, type RoutingEvent } from "./routing-view"

const OFFER_NOTIFICATION = "offer:"

/** Every routing change goes through the one reducer and reaches every open dock page. */
export async function applyRouting(event: RoutingEvent): Promise<void> {
  await updateRouting((view) => applyRoutingEvent(view, event))
  if (event.type === "offer") await notifyWhenNoDockIsOpen(event.offer)
  if (event.type === "offer-gone") await chrome.notifications.clear(OFFER_NOTIFICATION + event.offerId).catch(() => false)
}

/**
 * DESIGN.md §13: an offer rings in the dock; when no dock page is open (popup closed, no side
 * panel) a Chrome notification says so instead. It only tells: opening the popup or side
 * panel from a notification click is not allowed (Chrome wants a gesture in a page).
 */
async function notifyWhenNoDockIsOpen(offer: Offer): Promise<void> {
  const open = await chrome.runtime.getContexts({ contextTypes: ["POPUP" as chrome.runtime.ContextType, "SIDE_PANEL" as chrome.runtime.ContextType] })
  if (open.length > 0) return
  const who = offer.display.name ?? offer.display.email ?? offer.display.number ?? "A visitor"
  await chrome.notifications
    .create(OFFER_NOTIFICATION + offer.offerId, {
      type: "basic",
      // Plasmo hashes icon file names; the manifest knows the current one.
      iconUrl: chrome.runtime.getURL(chrome.runtime.getManifest().icons?.["128"] ?? ""),
      title: `${offer.kind === "chat" ? "Chat" : "Call"} for you: ${offer.queue.name}`,
      message: `${who}${offer.preview ? `: ${offer.preview}` : ""} — open the dock to accept.`,
      requireInteraction: true,
      priority: 2,
    })
    .catch((error) => console.error("offer notification failed", error))
}

export async function acceptOffer(offerId: string) {
  const interaction = await request("offer:accept", { offerId })
  await applyRouting({ type: "interaction", interaction })
  return interaction
}

export async function declineOffer(offerId: string) {
  // Gone from the dock whatever the answer: an offer the server no longer knows cannot be taken.
  await request("offer:decline", { offerId }).finally(() => applyRouting({ type: "offer-gone", offerId }))
  return null
}

export async function sendChat(interactionId: string, text: string) {
  const message = await request("chat:send", { interactionId, text })
  await applyRouting({ type: "message", interactionId, message })
  return message
}

export async function closeChat(interactionId: string) {
  const interaction = await request("interaction:close", { interactionId })
  await applyRouting({ type: "interaction", interaction })
  return null
}

export async function finishWrapUp() {
  const { wrapUpUntil } = await request("wrapup:done", {})
  await applyRouting({ type: "wrap-up", wrapUpUntil })
  return null
}
