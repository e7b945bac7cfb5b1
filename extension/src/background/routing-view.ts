import type { ChatMessage, InteractionDetail, Offer } from "@switchboard/shared"
import { EMPTY_ROUTING, type RoutingView } from "~messages/routing.schema"

/** Everything that changes what the dock shows of routing, from the socket or from the agent's own requests. */
export type RoutingEvent =
  | { type: "offer"; offer: Offer }
  | { type: "offer-gone"; offerId: string }
  | { type: "interaction"; interaction: InteractionDetail }
  | { type: "message"; interactionId: string; message: ChatMessage }
  | { type: "typing"; interactionId: string; typing: boolean }
  | { type: "wrap-up"; wrapUpUntil: string | null }
  | { type: "reset" }

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b)

/**
 * One pure reducer for the dock's routing view, so the order socket events and acks arrive in
 * (an accepted chat comes back as the ack and as interaction:changed) is decided in one tested place.
 */
export function applyRoutingEvent(view: RoutingView, event: RoutingEvent): RoutingView {
  switch (event.type) {
    case "offer":
      return { ...view, offers: [...view.offers.filter((o) => o.offerId !== event.offer.offerId), event.offer] }
    case "offer-gone":
      return { ...view, offers: view.offers.filter((o) => o.offerId !== event.offerId) }
    case "interaction": {
      const { interaction } = event
      const others = view.conversations.filter((c) => c.id !== interaction.id)
      // An accepted chat stops ringing on every dock of the agent.
      const offers = view.offers.filter((o) => o.interactionId !== interaction.id)
      if (interaction.state === "connected") {
        const index = view.conversations.findIndex((c) => c.id === interaction.id)
        const conversations = index === -1 ? [...others, interaction] : view.conversations.map((c) => (c.id === interaction.id ? interaction : c))
        return { ...view, offers, conversations }
      }
      // Ended by either side (wrap-up starts) or taken back to the queue: no longer the agent's to answer.
      const wrapUpUntil = interaction.state === "wrapup" ? later(view.wrapUpUntil, interaction.wrapUpUntil) : view.wrapUpUntil
      return { ...view, offers, conversations: others, typing: view.typing.filter((id) => id !== interaction.id), wrapUpUntil }
    }
    case "message":
      return {
        ...view,
        conversations: view.conversations.map((c) =>
          c.id !== event.interactionId || c.messages.some((m) => m.id === event.message.id) ? c : { ...c, messages: [...c.messages, event.message] }
        ),
        typing: event.message.from === "visitor" ? view.typing.filter((id) => id !== event.interactionId) : view.typing,
      }
    case "typing": {
      const rest = view.typing.filter((id) => id !== event.interactionId)
      const open = view.conversations.some((c) => c.id === event.interactionId)
      return { ...view, typing: event.typing && open ? [...rest, event.interactionId] : rest }
    }
    case "wrap-up":
      return { ...view, wrapUpUntil: event.wrapUpUntil }
    case "reset":
      return EMPTY_ROUTING
  }
}
