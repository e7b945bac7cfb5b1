import * as z from "zod"

/**
 * The server's realtime protocol version (shared/src/realtime/protocol.ts PROTOCOL_VERSION;
 * a unit test keeps the two equal). Copied because Parcel mis-bundles shared's zod imports.
 */
export const DOCK_PROTOCOL_VERSION = 1

export const DEFAULT_SERVER_URL = "http://localhost:3000"

export const ServerUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, "An http:// or https:// URL")
  .transform((url) => url.replace(/\/+$/, ""))

export const SignInSchema = z.strictObject({
  serverUrl: ServerUrlSchema,
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(256),
})
export type SignIn = z.infer<typeof SignInSchema>

const AwayReasonSchema = z.string().trim().min(1).max(40)

/** What sign-in keeps in chrome.storage.local (the token never reaches a dock UI). */
export const StoredSessionSchema = z.strictObject({
  serverUrl: z.string(),
  token: z.string().min(1).max(200),
  workspaceId: z.string().regex(/^[0-9a-f]{24}$/),
  userId: z.string(),
  userName: z.string(),
  workspaceName: z.string(),
  awayReasons: z.array(AwayReasonSchema).max(50),
})
export type StoredSession = z.infer<typeof StoredSessionSchema>

/** The dock's own presence as the server reports it (`presence:changed`). */
export const DockPresenceSchema = z.object({
  status: z.enum(["available", "away", "offline"]),
  awayReason: z.string().max(40).optional(),
  onCall: z.boolean().optional(),
  activeChats: z.number().int().min(0).optional(),
  /** Who set it, when someone else did (`cause.by`); automatic causes are kept as text. */
  changedBy: z.string().max(200).optional(),
  cause: z.string().max(40).optional(),
})
export type DockPresence = z.infer<typeof DockPresenceSchema>

export const PresenceChoiceSchema = z
  .strictObject({ status: z.enum(["available", "away"]), awayReason: AwayReasonSchema.optional() })
  .refine((choice) => choice.status === "away" || choice.awayReason === undefined, {
    message: "Only an away status has a reason",
    path: ["awayReason"],
  })
export type PresenceChoice = z.infer<typeof PresenceChoiceSchema>

/**
 * The effective settings the dock acts on. `z.object` (not strict): the server sends every
 * field, the dock keeps the ones it uses. A copy of those fields of shared's settingsShape
 * (Parcel mis-bundles shared's zod imports, see DOCK_PROTOCOL_VERSION); session.schema.test.ts
 * parses shared's DEFAULT_SETTINGS with it so the two cannot drift apart unnoticed.
 */
export const DockSettingsSchema = z.object({
  /** The SIP user (or full sip: address) the dock's softphone registers as. */
  phoneId: z.string().nullable(),
  sipWebSocketUrl: z.string().nullable(),
  channel: z.enum(["phone", "chat", "all"]),
  autoHideDock: z.boolean(),
  autoPauseNoAnswer: z.boolean(),
  autoAnswerSeconds: z.number().int().min(0).max(60).nullable(),
  maskPhoneNumber: z.boolean(),
  hideCallHistory: z.boolean(),
  clickToCall: z.boolean(),
  blockManualDialing: z.boolean(),
  chatsPerUser: z.number().int().min(1).max(5),
  phoneEndpoints: z.enum(["browser", "sip", "external"]),
})
export type DockSettings = z.infer<typeof DockSettingsSchema>

export const ConnectionState = Object.freeze({
  connecting: "connecting",
  connected: "connected",
  disconnected: "disconnected",
} as const)
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState]

/** The session part of the dock state every UI renders. */
export const DockSessionSchema = z.discriminatedUnion("signedIn", [
  z.strictObject({
    signedIn: z.literal(false),
    /** Why the last session ended, e.g. revoked by an admin. */
    notice: z.string().max(200).optional(),
    /** The server of the last sign-in, to pre-fill the form. */
    serverUrl: z.string().max(2048).optional(),
  }),
  z.strictObject({
    signedIn: z.literal(true),
    serverUrl: z.string(),
    userName: z.string(),
    workspaceName: z.string(),
    awayReasons: z.array(z.string()),
    connection: z.enum(["connecting", "connected", "disconnected"]),
    presence: DockPresenceSchema.nullable(),
    settings: DockSettingsSchema.nullable(),
  }),
])
export type DockSession = z.infer<typeof DockSessionSchema>

export const SIGNED_OUT: DockSession = Object.freeze({ signedIn: false }) as DockSession
