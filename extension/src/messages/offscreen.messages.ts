import * as z from "zod"
import { MessageTarget } from "./envelope"
import {
  CallIdSchema,
  DialTargetSchema,
  SoftphoneConfigSchema,
  SoftphoneStatusSchema,
} from "./softphone.schema"

const toOffscreen = z.literal(MessageTarget.offscreen)

/** Background service worker → offscreen document (which owns the JsSIP UA). */
export const OffscreenRequestSchema = z.discriminatedUnion("type", [
  z.strictObject({ target: toOffscreen, type: z.literal("softphone:start"), config: SoftphoneConfigSchema }),
  z.strictObject({ target: toOffscreen, type: z.literal("softphone:stop") }),
  /** Fresh credentials for the running UA: later REGISTER refreshes and calls use them, calls go on. */
  z.strictObject({ target: toOffscreen, type: z.literal("softphone:credentials"), config: SoftphoneConfigSchema }),
  z.strictObject({ target: toOffscreen, type: z.literal("softphone:get-status") }),
  z.strictObject({ target: toOffscreen, type: z.literal("softphone:dial"), to: DialTargetSchema }),
  z.strictObject({ target: toOffscreen, type: z.literal("softphone:answer"), callId: CallIdSchema }),
  z.strictObject({ target: toOffscreen, type: z.literal("softphone:hang-up"), callId: CallIdSchema }),
])
export type OffscreenRequest = z.infer<typeof OffscreenRequestSchema>

const toBackground = z.literal(MessageTarget.background)

/** Offscreen document → background: the UA's state after every change. */
export const OffscreenEventSchema = z.discriminatedUnion("type", [
  z.strictObject({
    target: toBackground,
    type: z.literal("softphone:status-changed"),
    status: SoftphoneStatusSchema,
  }),
])
export type OffscreenEvent = z.infer<typeof OffscreenEventSchema>

/**
 * Offscreen events travel on this port, not chrome.runtime.sendMessage: a runtime
 * message reaches every extension page (the dock UI included), and these carry
 * unmasked caller numbers that only the background may see.
 */
export const SOFTPHONE_EVENTS_PORT = "softphone-events"
