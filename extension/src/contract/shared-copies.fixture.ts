import * as z from "zod"

// What extension/src/messages/session.schema.ts held before the dock imported shared:
// copies shared-copies.test.ts must find (this file is never bundled: nothing imports it).
export const PresenceChoiceSchema = z.strictObject({ status: z.enum(["available", "away"]), awayReason: z.string().optional() })
export type PresenceChoice = z.infer<typeof PresenceChoiceSchema>

export const DockSettingsSchema = z.object({
  phoneId: z.string().nullable(),
  sipWebSocketUrl: z.string().nullable(),
  channel: z.enum(["phone", "chat", "all"]),
  clickToCall: z.boolean(),
})

export interface DockClientToServerEvents {
  "presence:set": (body: unknown) => void
}

/** The dock's own: not a copy. */
export const CallIdSchema = z.string().min(1)
