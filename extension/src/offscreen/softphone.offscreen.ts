import * as JsSIP from "jssip"
import type { RTCSession } from "jssip/lib/RTCSession"
import type { RTCSessionEvent } from "jssip/lib/UA"
import { MessageError, MessageErrorCode } from "~messages/envelope"
import {
  CallStatus,
  RegistrationState,
  STOPPED_SOFTPHONE,
  type SoftphoneCall,
  type SoftphoneConfig,
  type SoftphoneStatus,
} from "~messages/softphone.schema"

const MEDIA = { audio: true, video: false }
// Loopback and LAN calls need no STUN; production ICE servers arrive with settings.
const PC_CONFIG: RTCConfiguration = { iceServers: [] }
const ENDED_CALLS_KEPT = 5

/**
 * The dock's JsSIP user agent. It lives in the offscreen document because a
 * MV3 service worker has neither WebRTC nor getUserMedia; the worker drives it
 * with messages and learns its state from `onChange`.
 */
export class OffscreenSoftphone {
  private ua: JsSIP.UA | undefined
  private status: SoftphoneStatus = STOPPED_SOFTPHONE
  private readonly sessions = new Map<string, RTCSession>()
  private readonly calls = new Map<string, SoftphoneCall>()

  constructor(
    private readonly onChange: (status: SoftphoneStatus) => void,
    private readonly remoteAudio: HTMLAudioElement
  ) {}

  getStatus(): SoftphoneStatus {
    return this.status
  }

  start(config: SoftphoneConfig): SoftphoneStatus {
    this.stop()
    const ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(config.wsUrl)],
      uri: config.uri,
      display_name: config.displayName,
      password: config.password,
      authorization_user: config.authorizationUser,
      register: true,
      session_timers: false,
    })
    this.ua = ua
    const whileCurrent =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) => {
        if (this.ua === ua) fn(...args)
      }
    ua.on("connecting", whileCurrent(() => this.setRegistration(RegistrationState.connecting)))
    ua.on("registered", whileCurrent(() => this.setRegistration(RegistrationState.registered)))
    ua.on("unregistered", whileCurrent(() => this.setRegistration(RegistrationState.unregistered)))
    ua.on(
      "registrationFailed",
      whileCurrent((event) => this.setRegistration(RegistrationState.failed, String(event.cause ?? "")))
    )
    ua.on(
      "disconnected",
      whileCurrent(() => this.setRegistration(RegistrationState.connecting, "transport disconnected"))
    )
    ua.on(
      "newRTCSession",
      whileCurrent(({ session, request }: RTCSessionEvent) =>
        this.trackSession(session, session.direction === "incoming" ? request.getHeader("X-Switchboard-Offer") : undefined)
      )
    )
    this.status = { registration: RegistrationState.connecting, uri: config.uri, calls: [] }
    ua.start()
    this.publish()
    return this.status
  }

  /** Same account, fresh credentials: a restart would drop the calls in progress. */
  updateCredentials(config: SoftphoneConfig): SoftphoneStatus {
    if (!this.ua || this.status.uri !== config.uri) return this.start(config)
    if (config.authorizationUser) this.ua.set("authorization_user", config.authorizationUser)
    if (config.password) this.ua.set("password", config.password)
    return this.status
  }

  /**
   * Stops and waits (up to `timeoutMs`) for the un-REGISTER to be answered: Kamailio
   * challenges it like any REGISTER, so it takes a second round trip that closing the
   * document right away would cut off, leaving the binding until it expires.
   */
  async stopAndUnregister(timeoutMs = 1_500): Promise<SoftphoneStatus> {
    const ua = this.ua
    if (!ua || !ua.isRegistered()) return this.stop()
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs)
      const finish = () => {
        clearTimeout(timer)
        resolve()
      }
      ua.once("unregistered", finish)
      ua.once("registrationFailed", finish)
    })
    const status = this.stop()
    await done
    return status
  }

  stop(): SoftphoneStatus {
    const ua = this.ua
    this.ua = undefined
    if (ua) {
      for (const session of this.sessions.values()) if (!session.isEnded()) session.terminate()
      ua.stop()
    }
    this.sessions.clear()
    this.calls.clear()
    this.status = STOPPED_SOFTPHONE
    this.publish()
    return this.status
  }

  dial(to: string): string {
    if (!this.ua || this.status.registration !== RegistrationState.registered) {
      throw new MessageError(MessageErrorCode.SOFTPHONE_UNAVAILABLE, "the softphone is not registered")
    }
    const target = to.startsWith("sip:") ? to : to.replace(/[\s().-]/g, "")
    const session = this.ua.call(target, { mediaConstraints: MEDIA, pcConfig: PC_CONFIG })
    return this.callIdOf(session)
  }

  answer(callId: string): void {
    const session = this.requireSession(callId)
    if (session.direction !== "incoming" || session.isEstablished()) return
    session.answer({ mediaConstraints: MEDIA, pcConfig: PC_CONFIG })
  }

  hangUp(callId: string): void {
    const session = this.requireSession(callId)
    if (!session.isEnded()) session.terminate()
  }

  private requireSession(callId: string): RTCSession {
    const session = this.sessions.get(callId)
    if (!session) throw new MessageError(MessageErrorCode.NOT_FOUND, `no call ${callId}`)
    return session
  }

  private callIdOf(session: RTCSession): string {
    for (const [id, known] of this.sessions) if (known === session) return id
    throw new MessageError(MessageErrorCode.INTERNAL, "untracked session")
  }

  private trackSession(session: RTCSession, offerHeader?: string) {
    // JsSIP's session.id is only unique per dialog, and outgoing sessions get it
    // after the first response, so the dock numbers calls itself.
    const id = crypto.randomUUID()
    this.sessions.set(id, session)
    const remote = session.remote_identity
    this.calls.set(id, {
      id,
      direction: session.direction,
      status: session.direction === "incoming" ? CallStatus.ringing : CallStatus.progress,
      remoteUri: remote.uri.toString(),
      remoteName: remote.display_name || undefined,
      ...(offerHeader && /^[A-Za-z0-9-]{1,64}$/.test(offerHeader) ? { offerId: offerHeader } : {}),
      startedAt: Date.now(),
    })
    const update = (status: CallStatus, cause?: string) => {
      const call = this.calls.get(id)
      if (!call) return
      this.calls.set(id, { ...call, status, ...(cause ? { cause } : {}) })
      if (status === CallStatus.ended || status === CallStatus.failed) this.forgetOldCalls()
      this.publish()
    }
    // For an incoming session JsSIP fires "progress" when it sends 180 Ringing:
    // still ringing from the agent's point of view.
    if (session.direction === "outgoing") session.on("progress", () => update(CallStatus.progress))
    session.on("accepted", () => update(CallStatus.answered))
    session.on("confirmed", () => update(CallStatus.confirmed))
    session.on("ended", (event) => update(CallStatus.ended, String(event.cause ?? "")))
    session.on("failed", (event) => update(CallStatus.failed, String(event.cause ?? "")))
    const playRemoteAudio = (connection: RTCPeerConnection) =>
      connection.addEventListener("track", (event) => {
        const [stream] = event.streams
        if (stream) this.remoteAudio.srcObject = stream
      })
    if (session.connection) playRemoteAudio(session.connection)
    else session.on("peerconnection", ({ peerconnection }) => playRemoteAudio(peerconnection))
    this.publish()
  }

  private forgetOldCalls() {
    const ended = [...this.calls.values()].filter(
      (call) => call.status === CallStatus.ended || call.status === CallStatus.failed
    )
    for (const call of ended.slice(0, Math.max(0, ended.length - ENDED_CALLS_KEPT))) {
      this.calls.delete(call.id)
      this.sessions.delete(call.id)
    }
  }

  private setRegistration(registration: RegistrationState, cause?: string) {
    const { cause: _previous, ...rest } = this.status
    this.status = cause ? { ...rest, registration, cause } : { ...rest, registration }
    this.publish()
  }

  private publish() {
    this.status = { ...this.status, calls: [...this.calls.values()] }
    this.onChange(this.status)
  }
}
