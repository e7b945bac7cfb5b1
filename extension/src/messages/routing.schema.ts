import { chatMessageSchema, interactionDetailSchema, objectIdSchema, offerSchema } from "@switchboard/shared"
import * as z from "zod"

/**
 * What the dock shows of routing (DESIGN.md §10, §13): offers ringing, the agent's open chats,
 * and wrap-up. Built in the background from the /dock events, already masked by the server.
 */
export const RoutingViewSchema = z.strictObject({
  offers: z.array(offerSchema),
  /** Connected chats, oldest first; each with its transcript. */
  conversations: z.array(interactionDetailSchema),
  /** Chats whose customer is typing. */
  typing: z.array(objectIdSchema),
  /** No offers until then (null: not in wrap-up). */
  wrapUpUntil: z.iso.datetime().nullable(),
})
export type RoutingView = z.infer<typeof RoutingViewSchema>

export const EMPTY_ROUTING: RoutingView = Object.freeze({ offers: [], conversations: [], typing: [], wrapUpUntil: null }) as RoutingView

/** Dock UI → background routing requests (each answered by the server's ack). */
export const RoutingRequestShapes = {
  accept: z.strictObject({ offerId: z.string().min(1).max(64) }),
  decline: z.strictObject({ offerId: z.string().min(1).max(64) }),
  send: z.strictObject({ interactionId: objectIdSchema, text: chatMessageSchema.shape.text.min(1).max(2000) }),
  close: z.strictObject({ interactionId: objectIdSchema }),
}
