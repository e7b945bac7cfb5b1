import { io, type Socket } from "socket.io-client"
import { MessageError, MessageErrorCode } from "~messages/envelope"
import {
  DOCK_PROTOCOL_VERSION,
  DockPresenceSchema,
  DockSettingsSchema,
  type DockPresence,
  type DockSettings,
  type PresenceChoice,
  type StoredSession,
} from "~messages/session.schema"

/** What the socket tells the rest of the worker; the worker owns the state. */
export interface DockSocketEvents {
  connection(state: "connecting" | "connected" | "disconnected"): void
  presence(presence: DockPresence): void
  settings(settings: DockSettings): void
  /** The server ended the session (revoked, signed out elsewhere, token refused). */
  ended(reason: string): void
}

let socket: Socket | undefined
let selfUserId = ""

/** The server's Presence payload, reduced to what the dock shows. */
export function toDockPresence(raw: unknown, selfUserId: string): DockPresence | null {
  if (typeof raw !== "object" || raw === null) return null
  const payload = raw as { status?: unknown; awayReason?: unknown; onCall?: unknown; activeChats?: unknown; cause?: unknown }
  const cause = payload.cause
  const by = typeof cause === "object" && cause !== null ? (cause as { by?: { userId?: unknown; name?: unknown } }).by : undefined
  const parsed = DockPresenceSchema.safeParse({
    status: payload.status,
    awayReason: payload.awayReason,
    onCall: payload.onCall,
    activeChats: payload.activeChats,
    // Only someone else's change is worth naming.
    changedBy: by && by.userId !== selfUserId ? by.name : undefined,
    cause: typeof cause === "string" ? cause : undefined,
  })
  return parsed.success ? parsed.data : null
}

/**
 * One Socket.IO connection to /dock: websocket only (a service worker has no XHR polling
 * worth having), reconnecting with exponential backoff. Socket.IO's own ping every 25 s
 * is WebSocket traffic, which keeps Chrome ≥ 116 from stopping the worker.
 */
export function openDockSocket(session: StoredSession, deviceId: string, on: DockSocketEvents): void {
  closeDockSocket()
  on.connection("connecting")
  const next = io(`${session.serverUrl}/dock`, {
    transports: ["websocket"],
    auth: {
      token: session.token,
      protocolVersion: DOCK_PROTOCOL_VERSION,
      workspaceId: session.workspaceId,
      deviceId,
      deviceLabel: "Chrome dock",
    },
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
  })
  socket = next
  selfUserId = session.userId
  next.on("connect", () => on.connection("connected"))
  next.on("disconnect", (reason) => {
    if (socket !== next) return
    on.connection("disconnected")
    // A server-side disconnect is not retried by Socket.IO itself; session:revoked comes first when it is final.
    if (reason === "io server disconnect") setTimeout(() => socket === next && next.connect(), 1_000)
  })
  next.on("connect_error", (error: Error & { data?: { code?: string } }) => {
    if (socket !== next) return
    const code = error.data?.code ?? error.message
    // Refused by the server's middleware: the token or the membership is gone; retrying will not help.
    if (code === "UNAUTHENTICATED" || code === "FORBIDDEN") on.ended(code)
    else on.connection(next.active ? "connecting" : "disconnected")
  })
  next.on("presence:changed", (payload: unknown) => {
    const presence = toDockPresence(payload, session.userId)
    if (presence) on.presence(presence)
  })
  next.on("settings:changed", (payload: { settings?: unknown } | undefined) => {
    const parsed = DockSettingsSchema.safeParse(payload?.settings)
    if (parsed.success) on.settings(parsed.data)
  })
  next.on("session:revoked", (payload: { reason?: unknown } | undefined) => {
    on.ended(typeof payload?.reason === "string" ? payload.reason : "revoked")
  })
}

export function closeDockSocket(): void {
  const current = socket
  socket = undefined
  current?.removeAllListeners()
  current?.disconnect()
}

export function isDockSocketOpen(): boolean {
  return socket !== undefined
}

type Ack = { ok: true; data: unknown } | { ok: false; error: { code?: string; message?: string } }

async function request(event: string, body: unknown): Promise<unknown> {
  if (!socket?.connected) throw new MessageError(MessageErrorCode.SOFTPHONE_UNAVAILABLE, "Not connected to the server")
  const ack = (await socket.timeout(5_000).emitWithAck(event, body)) as Ack
  if (!ack.ok) throw new MessageError(MessageErrorCode.INTERNAL, ack.error.message ?? "refused", ack.error)
  return ack.data
}

export async function setPresence(choice: PresenceChoice): Promise<DockPresence | null> {
  return toDockPresence(await request("presence:set", choice), selfUserId)
}

export async function reportCallState(onCall: boolean): Promise<void> {
  if (socket?.connected) await request("call:state", { onCall })
}

/** Auto-pause (DESIGN.md §9): the server sets away with reason missed. */
export async function reportMissedCall(): Promise<DockPresence | null> {
  return toDockPresence(
    await request("presence:set", { status: "away", awayReason: "missed", auto: "missed" }),
    selfUserId
  )
}
