import * as z from "zod"
import { MessageTarget } from "./envelope"

/**
 * Background → content scripts, sent to every tab. A boolean only: the page side
 * learns whether to show call links, never settings or who is signed in.
 */
export const ContentEventSchema = z.discriminatedUnion("type", [
  /** The effective click to call value changed (setting, channel, sign-in or sign-out). */
  z.strictObject({ target: z.literal(MessageTarget.content), type: z.literal("click-to-call:changed"), enabled: z.boolean() }),
])
export type ContentEvent = z.infer<typeof ContentEventSchema>
