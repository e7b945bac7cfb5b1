import * as z from "zod"

/** Where and as whom the offscreen JsSIP UA registers. */
export const SoftphoneConfigSchema = z.strictObject({
  wsUrl: z.string().max(2048).regex(/^wss?:\/\/[^\s]+$/, "A ws:// or wss:// URL"),
  uri: z.string().max(512).regex(/^sip:[^@\s]+@[^@\s]+$/, "A sip:user@domain URI"),
  displayName: z.string().trim().min(1).max(80).optional(),
  password: z.string().min(1).max(256).optional(),
  /** Server-issued accounts (GET /api/me/sip): `<expiry>:<userId>`, when it differs from the URI's user. */
  authorizationUser: z.string().min(1).max(256).optional(),
  /** Server-issued accounts expire; the worker fetches fresh credentials before then. */
  expiresAt: z.string().max(64).optional(),
})
export type SoftphoneConfig = z.infer<typeof SoftphoneConfigSchema>

export const RegistrationState = Object.freeze({
  stopped: "stopped",
  connecting: "connecting",
  registered: "registered",
  unregistered: "unregistered",
  failed: "failed",
} as const)
export type RegistrationState = (typeof RegistrationState)[keyof typeof RegistrationState]

export const CallStatus = Object.freeze({
  ringing: "ringing",
  progress: "progress",
  answered: "answered",
  confirmed: "confirmed",
  ended: "ended",
  failed: "failed",
} as const)
export type CallStatus = (typeof CallStatus)[keyof typeof CallStatus]

export const CallIdSchema = z.string().min(1).max(128)

export const SoftphoneCallSchema = z.strictObject({
  id: CallIdSchema,
  direction: z.enum(["incoming", "outgoing"]),
  status: z.enum(Object.values(CallStatus) as [CallStatus, ...CallStatus[]]),
  /** The far end as JsSIP saw it; the background masks it before any UI sees it. */
  remoteUri: z.string().max(512),
  remoteName: z.string().max(256).optional(),
  /** A queue call: the routing offer Kamailio rang it for (X-Switchboard-Offer), so Accept answers this call. */
  offerId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
  cause: z.string().max(128).optional(),
  startedAt: z.number().int().nonnegative(),
})
export type SoftphoneCall = z.infer<typeof SoftphoneCallSchema>

export const SoftphoneStatusSchema = z.strictObject({
  registration: z.enum(
    Object.values(RegistrationState) as [RegistrationState, ...RegistrationState[]]
  ),
  uri: z.string().max(512).optional(),
  cause: z.string().max(256).optional(),
  calls: z.array(SoftphoneCallSchema).max(16),
})
export type SoftphoneStatus = z.infer<typeof SoftphoneStatusSchema>

export const STOPPED_SOFTPHONE: SoftphoneStatus = Object.freeze({
  registration: RegistrationState.stopped,
  calls: [],
}) as SoftphoneStatus

/** What a dial request may carry: a SIP URI or a dialable number. */
export const DialTargetSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^(sip:[^@\s]+@[^@\s]+|\+?[0-9*#][0-9*#\s().-]{0,40})$/, "A SIP URI or a phone number")
