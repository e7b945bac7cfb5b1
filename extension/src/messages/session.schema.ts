import { effectiveSettingsSchema, loginBodySchema, objectIdSchema, presenceStatusSchema } from "@switchboard/shared"
import * as z from "zod"

export const DEFAULT_SERVER_URL = "http://localhost:3000"

export const ServerUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, "An http:// or https:// URL")
  .transform((url) => url.replace(/\/+$/, ""))

/** The server's own login body, plus which server to sign in to. */
export const SignInSchema = loginBodySchema.extend({ serverUrl: ServerUrlSchema })
export type SignIn = z.infer<typeof SignInSchema>

/** What sign-in keeps in chrome.storage.local (the token never reaches a dock UI). */
export const StoredSessionSchema = z.strictObject({
  serverUrl: z.string(),
  token: z.string().min(1).max(200),
  workspaceId: objectIdSchema,
  userId: objectIdSchema,
  userName: z.string(),
  workspaceName: z.string(),
  awayReasons: z.array(z.string().max(40)).max(50),
})
export type StoredSession = z.infer<typeof StoredSessionSchema>

/**
 * What the dock shows of its own presence: shared's Presence (`presence:changed`, acks), parsed
 * with shared's schema first and reduced to this, with the actor reduced to a name.
 */
export const DockPresenceSchema = z.object({
  status: presenceStatusSchema,
  awayReason: z.string().max(40).optional(),
  onCall: z.boolean().optional(),
  activeChats: z.number().int().min(0).optional(),
  /** Who set it, when someone else did (`cause.by`); automatic causes are kept as text. */
  changedBy: z.string().max(200).optional(),
  cause: z.string().max(40).optional(),
})
export type DockPresence = z.infer<typeof DockPresenceSchema>

export const ConnectionState = Object.freeze({
  connecting: "connecting",
  connected: "connected",
  disconnected: "disconnected",
  /** The server refused this dock's protocol version (PROTOCOL_OUTDATED): only an update helps. */
  outdated: "outdated",
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
    connection: z.enum(Object.values(ConnectionState)),
    presence: DockPresenceSchema.nullable(),
    /** The effective settings as the server sends them (GET …/settings, `settings:changed`). */
    settings: effectiveSettingsSchema.nullable(),
  }),
])
export type DockSession = z.infer<typeof DockSessionSchema>

export const SIGNED_OUT: DockSession = Object.freeze({ signedIn: false }) as DockSession
