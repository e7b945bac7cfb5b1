import {
  dockBroadcastSchemas,
  dockRequests,
  ErrorCode,
  MISSED_AWAY_REASON,
  PROTOCOL_VERSION,
  refusalDataSchema,
  type AckResult,
  type DockClientToServerEvents,
  type DockServerToClientEvents,
  type Presence,
  type PresenceChoice,
  type EffectiveSettings,
  type HandshakeAuth,
} from "@switchboard/shared"
import { io, type Socket } from "socket.io-client"
import { MessageError, MessageErrorCode } from "~messages/envelope"
import { DockPresenceSchema, type ConnectionState, type DockPresence, type StoredSession } from "~messages/session.schema"

/** What the socket tells the rest of the worker; the worker owns the state. */
export interface DockSocketEvents {
  connection(state: ConnectionState): void
  presence(presence: DockPresence): void
  settings(settings: EffectiveSettings): void
  /** The server ended the session (revoked, signed out elsewhere, token refused). */
  ended(reason: string): void
}

type DockSocket = Socket<DockServerToClientEvents, DockClientToServerEvents>

let socket: DockSocket | undefined
let selfUserId = ""

/** The server's Presence (parsed with shared's schema), reduced to what the dock shows. */
export function toDockPresence(presence: Presence, selfUserId: string): DockPresence {
  const cause = presence.cause
  return DockPresenceSchema.parse({
    status: presence.status,
    awayReason: presence.awayReason,
    onCall: presence.onCall,
    activeChats: presence.activeChats,
    // Only someone else's change is worth naming.
    changedBy: typeof cause === "object" && cause.by.userId !== selfUserId ? cause.by.name : undefined,
    cause: typeof cause === "string" ? cause : undefined,
  })
}

/**
 * What a refused handshake means for the dock. The server's reason codes are stable
 * (shared RefusalReason): a gone token or membership ends the session, an outdated
 * dock stops retrying until it is updated; anything else (server down) is retried.
 */
export function connectRefusal(error: Error & { data?: unknown }): { action: "ended" | "outdated" | "retry"; code: string } {
  const refusal = refusalDataSchema.safeParse(error.data)
  const code = refusal.success ? refusal.data.code : error.message
  if (code === ErrorCode.UNAUTHENTICATED || code === ErrorCode.FORBIDDEN) return { action: "ended", code }
  if (code === ErrorCode.PROTOCOL_OUTDATED) return { action: "outdated", code }
  return { action: "retry", code }
}

/**
 * One Socket.IO connection to /dock: websocket only (a service worker has no XHR polling
 * worth having), reconnecting with exponential backoff. Socket.IO's own ping every 25 s
 * is WebSocket traffic, which keeps Chrome ≥ 116 from stopping the worker.
 */
export function openDockSocket(session: StoredSession, deviceId: string, on: DockSocketEvents): void {
  closeDockSocket()
  on.connection("connecting")
  const next: DockSocket = io(`${session.serverUrl}/dock`, {
    transports: ["websocket"],
    auth: {
      token: session.token,
      protocolVersion: PROTOCOL_VERSION,
      workspaceId: session.workspaceId,
      deviceId,
      deviceLabel: "Chrome dock",
    } satisfies HandshakeAuth,
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
  next.on("connect_error", (error: Error & { data?: unknown }) => {
    if (socket !== next) return
    const refusal = connectRefusal(error)
    if (refusal.action === "ended") on.ended(refusal.code)
    else if (refusal.action === "outdated") {
      // Retrying cannot help until Chrome updates the extension.
      next.disconnect()
      on.connection("outdated")
    } else on.connection(next.active ? "connecting" : "disconnected")
  })
  // What the server sends is parsed with shared's schemas; a payload that does not fit is dropped.
  next.on("presence:changed", (payload) => {
    const parsed = dockBroadcastSchemas["presence:changed"].safeParse(payload)
    if (parsed.success) on.presence(toDockPresence(parsed.data, session.userId))
  })
  next.on("settings:changed", (payload) => {
    const parsed = dockBroadcastSchemas["settings:changed"].safeParse(payload)
    if (parsed.success) on.settings(parsed.data.settings)
  })
  next.on("session:revoked", (payload) => {
    const parsed = dockBroadcastSchemas["session:revoked"].safeParse(payload)
    on.ended(parsed.success ? parsed.data.reason : "revoked")
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

type DockRequest = keyof typeof dockRequests
type RequestBody<E extends DockRequest> = Parameters<DockClientToServerEvents[E]>[0]

/** One acked request; a refusal keeps the server's error code (e.g. VALIDATION_FAILED, FORBIDDEN). */
async function request<E extends DockRequest>(event: E, body: RequestBody<E>): Promise<Presence> {
  const current = socket
  if (!current?.connected) throw new MessageError(MessageErrorCode.SOFTPHONE_UNAVAILABLE, "Not connected to the server")
  // Socket.IO's typed emitWithAck cannot see through the generic event name; the ack is parsed below.
  const emitter = current.timeout(5_000) as unknown as { emitWithAck(event: E, body: RequestBody<E>): Promise<AckResult<unknown>> }
  const ack = await emitter.emitWithAck(event, body)
  if (!ack.ok) throw new MessageError(ack.error.code, ack.error.message, ack.error.details)
  return dockRequests[event].response.parse(ack.data)
}

export async function setPresence(choice: PresenceChoice): Promise<DockPresence> {
  return toDockPresence(await request("presence:set", choice), selfUserId)
}

export async function reportCallState(onCall: boolean): Promise<void> {
  if (socket?.connected) await request("call:state", { onCall })
}

/** Auto-pause (DESIGN.md §9): the server sets away with reason missed. */
export async function reportMissedCall(): Promise<DockPresence> {
  return toDockPresence(
    await request("presence:set", { status: "away", awayReason: MISSED_AWAY_REASON, auto: "missed" }),
    selfUserId
  )
}
