import {
  callReferenceSchema,
  ErrorCode,
  errorBodySchema,
  loginResponseSchema,
  meResponseSchema,
  sipAccountSchema,
  memberSettingsSchema,
  type CallReferenceBody,
  type EffectiveSettings,
  type PresenceChoice,
  type SipAccount,
} from "@switchboard/shared"
import * as z from "zod"
import { MessageError, MessageErrorCode } from "~messages/envelope"
import { SIGNED_OUT, StoredSessionSchema, type SignIn, type StoredSession } from "~messages/session.schema"
import type { DockState } from "~messages/ui.messages"
import { getDockSettings, getDockState, setSession, updateSignedInSession } from "./dock-state"
import type { SoftphoneStatus } from "~messages/softphone.schema"
import { applyRouting } from "./routing.background"
import { closeDockSocket, isDockSocketOpen, openDockSocket, reportCallState, reportMissedCall, setPresence } from "./dock-socket"
import {
  applySoftphoneSettings,
  softphoneCredentialsDue,
  stopSoftphoneFromSettings,
} from "./softphone.background"

const SESSION_KEY = "dock.session"
const DEVICE_KEY = "dock.deviceId"
export const KEEPALIVE_ALARM = "dock-keepalive"

async function loadSession(): Promise<StoredSession | undefined> {
  const stored = await chrome.storage.local.get(SESSION_KEY)
  const parsed = StoredSessionSchema.safeParse(stored[SESSION_KEY])
  return parsed.success ? parsed.data : undefined
}

/** Stable per browser profile, so the board lists a re-opened dock as the same device. */
async function deviceId(): Promise<string> {
  const stored = (await chrome.storage.local.get(DEVICE_KEY))[DEVICE_KEY]
  if (typeof stored === "string") return stored
  const id = crypto.randomUUID()
  await chrome.storage.local.set({ [DEVICE_KEY]: id })
  return id
}

/**
 * One REST call, its answer parsed with shared's response schema. A refusal keeps the
 * server's error code and message (UNAUTHENTICATED for a wrong password, RATE_LIMITED …).
 */
async function api<S extends z.ZodType>(
  serverUrl: string,
  path: string,
  schema: S,
  init: RequestInit & { token?: string } = {}
): Promise<z.infer<S>> {
  const { token, ...rest } = init
  const response = await fetch(`${serverUrl}${path}`, {
    ...rest,
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  }).catch(() => {
    throw new MessageError(MessageErrorCode.INTERNAL, `Cannot reach ${serverUrl}. Check the server address and your connection.`)
  })
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null)
  if (!response.ok) {
    const refusal = errorBodySchema.safeParse(body)
    if (refusal.success) throw new MessageError(refusal.data.error.code, refusal.data.error.message, refusal.data.error.details)
    // Not our error body: most likely an address that is not a Switchboard server.
    throw new MessageError(MessageErrorCode.INTERNAL, `${serverUrl} did not answer as a Switchboard server (HTTP ${response.status}). Check the server address.`)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new MessageError(MessageErrorCode.INTERNAL, `Unexpected answer from ${path}`)
  return parsed.data
}

async function fetchSettings(session: StoredSession): Promise<EffectiveSettings> {
  const body = await api(
    session.serverUrl,
    `/api/workspaces/${session.workspaceId}/members/${session.userId}/settings`,
    memberSettingsSchema,
    { token: session.token }
  )
  return body.values
}

function connect(session: StoredSession, id: string): void {
  openDockSocket(session, id, {
    connection: (connection) => {
      void updateSignedInSession((current) => ({ ...current, connection }))
      // Each (re)connect may follow missed settings:changed events: read them again.
      if (connection === "connected") void refreshSettings(session)
    },
    presence: (presence) => void updateSignedInSession((current) => ({ ...current, presence })),
    settings: (settings) => void applySettings(settings),
    routing: (event) => void applyRouting(event).catch((error) => console.error("routing update failed", error)),
    ended: (reason) => void endSession(SESSION_END_MESSAGES[reason] ?? "Your access was revoked. Sign in again."),
  })
}

/** What the dock says for each `session:revoked` reason (shared's SessionEndReason); anything else reads as a revocation. */
const SESSION_END_MESSAGES: Record<string, string> = {
  logout: "You were signed out.",
  expired: "Your session has expired. Sign in again.",
  password_changed: "Your password was changed. Sign in again with the new one.",
}

async function refreshSettings(session: StoredSession): Promise<void> {
  const settings = await fetchSettings(session).catch(() => null)
  if (settings) await applySettings(settings)
}

/** The server's SIP account for this member, or null when the server has no SIP front (or is unreachable). */
async function fetchSipAccount(session: StoredSession): Promise<SipAccount | null> {
  return api(session.serverUrl, "/api/me/sip", sipAccountSchema, { token: session.token }).catch(() => null)
}

async function applySettings(settings: EffectiveSettings): Promise<void> {
  await updateSignedInSession((current) => ({ ...current, settings }))
  const session = await loadSession()
  const account = session ? await fetchSipAccount(session) : null
  await applySoftphoneSettings(settings, account).catch((error) => console.error("softphone from settings failed", error))
}

/**
 * Click-to-call dials an opaque address the server issues for the number (DESIGN.md §14): with
 * blockManualDialing Kamailio lets only such references through. A server without a SIP front
 * issues none; the dock then dials the number itself (its manual SIP settings).
 */
export async function callReference(body: CallReferenceBody): Promise<string | null> {
  const session = await loadSession()
  if (!session) throw new MessageError(MessageErrorCode.BLOCKED, "Sign in to place calls.")
  const path = `/api/workspaces/${session.workspaceId}/calls/references`
  const init = { method: "POST", token: session.token, body: JSON.stringify(body) }
  return api(session.serverUrl, path, callReferenceSchema, init).then(
    (answer) => answer.uri,
    (error: unknown) => {
      if (error instanceof MessageError && error.code === ErrorCode.SIP_NOT_CONFIGURED) return null
      throw error
    }
  )
}

/** Keepalive: server-issued SIP credentials are short-lived; renew them before Kamailio refuses them. */
export async function renewSipCredentialsIfDue(): Promise<void> {
  if (!(await softphoneCredentialsDue())) return
  const session = await loadSession()
  const settings = await getDockSettings()
  if (!session || !settings) return
  await applySoftphoneSettings(settings, await fetchSipAccount(session))
}

async function startSession(session: StoredSession): Promise<DockState> {
  const state = await setSession({
    signedIn: true,
    serverUrl: session.serverUrl,
    userName: session.userName,
    workspaceName: session.workspaceName,
    awayReasons: session.awayReasons,
    connection: "connecting",
    presence: null,
    settings: null,
  })
  connect(session, await deviceId())
  await chrome.alarms.create(KEEPALIVE_ALARM, { periodInMinutes: 0.5 })
  return state
}

/** Logs in, keeps the token in extension storage and opens the /dock socket. */
export async function signIn(credentials: SignIn): Promise<DockState> {
  const login = await api(credentials.serverUrl, "/api/auth/login", loginResponseSchema, {
    method: "POST",
    body: JSON.stringify({ email: credentials.email, password: credentials.password }),
  })
  const me = await api(credentials.serverUrl, "/api/me", meResponseSchema, { token: login.token })
  const membership = me.memberships.find((m) => Boolean(m.permissions["dock.use"]))
  if (!membership) throw new MessageError(ErrorCode.FORBIDDEN, "This account may not use the dock.")
  const session = StoredSessionSchema.parse({
    serverUrl: credentials.serverUrl,
    token: login.token,
    workspaceId: membership.workspaceId,
    userId: login.user.id,
    userName: [login.user.firstName, login.user.lastName].filter(Boolean).join(" ") || credentials.email,
    workspaceName: membership.workspaceName,
    awayReasons: membership.awayReasons,
  })
  await chrome.storage.local.set({ [SESSION_KEY]: session })
  return startSession(session)
}

/** Forgets the token and closes the socket; `notice` tells the UI why. */
export async function endSession(notice?: string): Promise<DockState> {
  const serverUrl = (await loadSession())?.serverUrl
  closeDockSocket()
  await chrome.alarms.clear(KEEPALIVE_ALARM)
  await chrome.storage.local.remove(SESSION_KEY)
  await stopSoftphoneFromSettings().catch(() => null)
  return setSession({ signedIn: false, ...(notice ? { notice } : {}), ...(serverUrl ? { serverUrl } : {}) })
}

export async function signOut(): Promise<DockState> {
  const session = await loadSession()
  closeDockSocket()
  // Unregister first: the phone stops ringing at once, whatever the server takes to answer.
  await stopSoftphoneFromSettings().catch(() => null)
  if (session) {
    await api(session.serverUrl, "/api/auth/logout", z.null(), { method: "POST", token: session.token }).catch(() => null)
  }
  return endSession()
}

let restoring: Promise<void> | undefined

/**
 * Worker start and keep-alive alarm: reopen the socket of a stored session if it is not open.
 * When the alarm is what wakes a stopped worker, both run at once, and both would find no socket
 * while the session is read: they share one restore, or the second opens a second socket and
 * drops the first mid-handshake.
 */
export function restoreSession(): Promise<void> {
  restoring ??= restoreStoredSession().finally(() => {
    restoring = undefined
  })
  return restoring
}

async function restoreStoredSession(): Promise<void> {
  if (isDockSocketOpen()) return
  const session = await loadSession()
  if (session) await startSession(session)
  else if ((await getDockState()).session.signedIn) await setSession(SIGNED_OUT)
}

export async function choosePresence(choice: PresenceChoice) {
  const presence = await setPresence(choice)
  if (presence) await updateSignedInSession((current) => ({ ...current, presence }))
  return presence
}

let reportedOnCall = false

/** Tells the server (`call:state`) when the agent goes on or off a call; it sets onCall in presence. */
export function noteCalls(status: SoftphoneStatus): void {
  const onCall = status.calls.some((call) => call.status === "answered" || call.status === "confirmed")
  if (onCall === reportedOnCall) return
  reportedOnCall = onCall
  void reportCallState(onCall).catch(() => {
    reportedOnCall = !onCall
  })
}

/** Auto-pause: an incoming call rang out at the dock unanswered. */
export async function reportMissed(): Promise<void> {
  const presence = await reportMissedCall()
  if (presence) await updateSignedInSession((current) => ({ ...current, presence }))
}
