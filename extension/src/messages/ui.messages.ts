import * as z from "zod"
import { MessageTarget } from "./envelope"
import { EMPTY_ROUTING, RoutingViewSchema } from "./routing.schema"
import { DockSessionSchema } from "./session.schema"
import { SoftphoneStatusSchema } from "./softphone.schema"

/** What the dock UI renders; the background builds it (already masked). */
export const DockStateSchema = z.strictObject({
  softphone: SoftphoneStatusSchema,
  softphoneConfigured: z.boolean(),
  session: DockSessionSchema,
  routing: RoutingViewSchema.default(EMPTY_ROUTING),
})
export type DockState = z.infer<typeof DockStateSchema>

/** Background → dock UI broadcasts. */
export const UiEventSchema = z.discriminatedUnion("type", [
  z.strictObject({
    target: z.literal(MessageTarget.ui),
    type: z.literal("dock:state-changed"),
    state: DockStateSchema,
  }),
])
export type UiEvent = z.infer<typeof UiEventSchema>
