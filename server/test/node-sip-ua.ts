/**
 * JsSIP in Node, for signalling only (the SIP load bench, the queue-call wait test): a `ws` WebSocket as JsSIP's transport
 * and a stub RTCPeerConnection that hands out a fixed audio SDP, so INVITE / 200 / ACK / BYE run
 * exactly as the dock's JsSIP sends them, without any media.
 */
import * as JsSIP from "jssip";
import type { RTCSession } from "jssip/lib/RTCSession.js";
import type { UAConfiguration } from "jssip/lib/UA.js";
import WebSocket from "ws";

const FIXED_SDP = [
  "v=0",
  "o=- 1 1 IN IP4 127.0.0.1",
  "s=-",
  "c=IN IP4 127.0.0.1",
  "t=0 0",
  "m=audio 9 UDP/TLS/RTP/SAVPF 0",
  "a=rtpmap:0 PCMU/8000",
  "a=sendrecv",
  "",
].join("\r\n");

/** Just enough of RTCPeerConnection for JsSIP's offer/answer: gathering is always complete. */
class StubPeerConnection extends EventTarget {
  readonly iceGatheringState = "complete";
  iceConnectionState = "new";
  signalingState = "stable";
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  createOffer() {
    return Promise.resolve({ type: "offer", sdp: FIXED_SDP });
  }
  createAnswer() {
    return Promise.resolve({ type: "answer", sdp: FIXED_SDP });
  }
  setLocalDescription(description: { type: string; sdp: string }) {
    this.localDescription = description;
    return Promise.resolve();
  }
  setRemoteDescription(description: { type: string; sdp: string }) {
    this.remoteDescription = description;
    return Promise.resolve();
  }
  addTrack() {}
  getSenders() {
    return [];
  }
  getReceivers() {
    return [];
  }
  close() {}
}

const globals = globalThis as Record<string, unknown>;
globals.RTCPeerConnection ??= StubPeerConnection;
globals.RTCSessionDescription ??= class {
  readonly type: string;
  readonly sdp: string;
  constructor(init: { type: string; sdp: string }) {
    this.type = init.type;
    this.sdp = init.sdp;
  }
};
// JsSIP's WebSocketInterface calls `new WebSocket(url, "sip")`; Node 20 has no global one.
globals.WebSocket ??= WebSocket;
// RTCSession.connect() checks `window.RTCPeerConnection`.
globals.window ??= globalThis;

/** A media stream with no tracks: JsSIP then asks no getUserMedia. */
export const NO_MEDIA = { getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream;

export interface SipAccount {
  wsUrl: string;
  uri: string;
  username: string;
  password: string;
}

/** A UA registered with `account`; resolves once Kamailio accepted the REGISTER. */
export function registeredUa(account: SipAccount, extra: Partial<UAConfiguration> = {}): Promise<JsSIP.UA> {
  const ua = new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(account.wsUrl)],
    uri: account.uri,
    authorization_user: account.username,
    password: account.password,
    register: true,
    session_timers: false,
    ...extra,
  });
  return new Promise((resolve, reject) => {
    ua.once("registered", () => resolve(ua));
    ua.once("registrationFailed", (event: { cause?: string }) => reject(new Error(`REGISTER of ${account.uri} failed: ${event.cause}`)));
    ua.start();
  });
}

export type { RTCSession };
