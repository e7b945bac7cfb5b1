import { presenceChoiceSchema } from "@switchboard/shared"
import * as z from "zod"
import { MessageTarget } from "./envelope"
import { SignInSchema } from "./session.schema"
import { CallIdSchema, DialTargetSchema, SoftphoneConfigSchema } from "./softphone.schema"

const toBackground = z.literal(MessageTarget.background)

/** Dock UI (popup, side panel) → background. */
export const UiRequestSchema = z.discriminatedUnion("type", [
  z.strictObject({ target: toBackground, type: z.literal("dock:get-state") }),
  z.strictObject({ target: toBackground, type: z.literal("session:sign-in"), credentials: SignInSchema }),
  z.strictObject({ target: toBackground, type: z.literal("session:sign-out") }),
  z.strictObject({ target: toBackground, type: z.literal("presence:set"), choice: presenceChoiceSchema }),
  // Until the server hands out effective settings, the SIP account is set from
  // the dock itself; later the same call is driven by `settings:changed`.
  z.strictObject({ target: toBackground, type: z.literal("softphone:configure"), config: SoftphoneConfigSchema }),
  z.strictObject({ target: toBackground, type: z.literal("softphone:disable") }),
  z.strictObject({ target: toBackground, type: z.literal("softphone:dial"), to: DialTargetSchema }),
  z.strictObject({ target: toBackground, type: z.literal("softphone:answer"), callId: CallIdSchema }),
  z.strictObject({ target: toBackground, type: z.literal("softphone:hang-up"), callId: CallIdSchema }),
])
export type UiRequest = z.infer<typeof UiRequestSchema>

/**
 * Content script → background. Content scripts share a renderer with the web
 * page, so this is the least trusted channel: one narrow message, digits only.
 */
export const ContentRequestSchema = z.discriminatedUnion("type", [
  /** Whether to link numbers at all (signed in, clickToCall on); the answer is a boolean only. */
  z.strictObject({ target: toBackground, type: z.literal("click-to-call:enabled") }),
  z.strictObject({
    target: toBackground,
    type: z.literal("click-to-call:dial"),
    number: z.string().regex(/^\+[1-9][0-9]{6,14}$/, "An E.164 number"),
  }),
])
export type ContentRequest = z.infer<typeof ContentRequestSchema>
