/**
 * Browser side of the test SIP peer: plain JsSIP user agents on an ordinary web
 * page, driven by the test through `window.sipPeers`. This is the "other
 * phone" of the dock's end-to-end tests (the caller, or the callee of a
 * click-to-call), so it must stay independent of extension code.
 */
import * as JsSIP from "jssip"
import type { RTCSession } from "jssip/lib/RTCSession"
import type { RTCSessionEvent } from "jssip/lib/UA"

export interface PeerOptions {
  wsUrl: string
  user: string
  domain: string
  displayName?: string
  /** auth_ephemeral credentials (`<expiry>:<user>` and its HMAC); none → Kamailio challenges and the UA fails. */
  authorizationUser?: string
  password?: string
  /** Resolve on registrationFailed too (a test that expects the refusal). */
  expectFailure?: boolean
}

interface PeerRecord {
  ua: JsSIP.UA
  sessions: RTCSession[]
  /** Ordered `session#<n>:<event>` and `ua:<event>` entries. */
  events: string[]
  /** The raw INVITE of each incoming session. */
  invites: string[]
}

const peers = new Map<string, PeerRecord>()

/**
 * Every SIP message this page's UAs received, as raw text: a test that must prove a number never
 * reached a UA scans this (one UA per page when that matters).
 */
const received: string[] = []
const NativeWebSocket = window.WebSocket
window.WebSocket = class extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols)
    this.addEventListener("message", (event: MessageEvent) => received.push(String(event.data)))
  }
}
const MEDIA = { audio: true, video: false }

function requirePeer(user: string): PeerRecord {
  const peer = peers.get(user)
  if (!peer) throw new Error(`no peer ${user}`)
  return peer
}

function track(peer: PeerRecord, session: RTCSession) {
  const index = peer.sessions.push(session) - 1
  const log = (name: string) => peer.events.push(`session#${index}:${name}`)
  log(`${session.direction}`)
  for (const name of ["progress", "accepted", "confirmed", "ended", "failed"] as const) {
    session.on(name, (event: { cause?: string }) =>
      log(event && "cause" in event && event.cause ? `${name}:${event.cause}` : name)
    )
  }
  // The final status of a refused call (407, 403, 480…), next to JsSIP's cause.
  session.on("failed", (event) => {
    const status = (event.message as { status_code?: number } | null | undefined)?.status_code
    if (status) log(`failed:status:${status}`)
  })
  // An outgoing session may already own its RTCPeerConnection when
  // newRTCSession fires; an incoming one gets it on answer().
  const watched = new WeakSet<RTCPeerConnection>()
  const watch = (connection: RTCPeerConnection | undefined) => {
    if (!connection || watched.has(connection)) return
    watched.add(connection)
    connection.addEventListener("iceconnectionstatechange", () =>
      log(`ice:${connection.iceConnectionState}`)
    )
  }
  watch(session.connection ?? undefined)
  session.on("peerconnection", ({ peerconnection }) => watch(peerconnection))
}

const api = {
  start(options: PeerOptions): Promise<void> {
    return new Promise((resolve, reject) => {
      const ua = new JsSIP.UA({
        sockets: [new JsSIP.WebSocketInterface(options.wsUrl)],
        uri: `sip:${options.user}@${options.domain}`,
        display_name: options.displayName,
        authorization_user: options.authorizationUser,
        password: options.password,
        register: true,
        session_timers: false,
        connection_recovery_min_interval: 1,
        connection_recovery_max_interval: 2,
      })
      const peer: PeerRecord = { ua, sessions: [], events: [], invites: [] }
      peers.set(options.user, peer)
      ua.on("registered", () => {
        peer.events.push("ua:registered")
        resolve()
      })
      ua.on("registrationFailed", (event) => {
        peer.events.push(`ua:registrationFailed:${event.cause}`)
        const status = (event.response as { status_code?: number } | undefined)?.status_code
        if (status) peer.events.push(`ua:registrationFailed:status:${status}`)
        if (options.expectFailure) resolve()
        else reject(new Error(`registration failed: ${event.cause}`))
      })
      ua.on("newRTCSession", ({ session, request }: RTCSessionEvent) => {
        if (session.direction === "incoming") peer.invites.push((request as unknown as { data: string }).data)
        track(peer, session)
      })
      ua.start()
    })
  },
  call(user: string, target: string): number {
    const peer = requirePeer(user)
    peer.ua.call(target, { mediaConstraints: MEDIA, pcConfig: { iceServers: [] } })
    return peer.sessions.length - 1
  },
  answer(user: string, index?: number): void {
    const peer = requirePeer(user)
    const session = peer.sessions[index ?? peer.sessions.length - 1]
    if (!session) throw new Error(`${user} has no session to answer`)
    session.answer({ mediaConstraints: MEDIA, pcConfig: { iceServers: [] } })
  },
  hangUp(user: string): void {
    for (const session of requirePeer(user).sessions) {
      if (!session.isEnded()) session.terminate()
    }
  },
  events(user: string): string[] {
    return [...requirePeer(user).events]
  },
  invites(user: string): string[] {
    return [...requirePeer(user).invites]
  },
  received(): string[] {
    return [...received]
  },
  remoteIdentity(user: string, index?: number): string | undefined {
    const peer = requirePeer(user)
    return peer.sessions[index ?? peer.sessions.length - 1]?.remote_identity.uri.toString()
  },
  stop(user: string): void {
    peers.get(user)?.ua.stop()
    peers.delete(user)
  },
}

export type SipPeersApi = typeof api

declare global {
  interface Window {
    sipPeers: SipPeersApi
  }
}

window.sipPeers = api
