import type { ErrorBody } from "../errors/error-body.schema.js";
import type { ChatLimits, Presence, PresenceChoice } from "../presence/presence.schema.js";
import type { EffectiveSettings } from "../settings/settings.schema.js";
import type { SessionEndReason } from "./protocol.js";

/** Every client request is acked with this; the error is the same body as HTTP errors. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody["error"] };
export type Ack<T> = (result: AckResult<T>) => void;

/** `presence:set` from the dock: a chosen status, `idle` when the dock saw no activity, `missed` when a call rang out. */
export type PresenceSetRequest = PresenceChoice & { auto?: "idle" | "missed" };
export interface CallStateRequest {
  onCall: boolean;
}
export interface ChatStateRequest {
  activeChats: number;
}

export interface Offer {
  offerId: string;
  kind: "call" | "chat";
  /** What the dock may show; a masking dock never receives the real number. */
  display: { name?: string; number?: string };
  createdAt: string;
  expiresAt: string;
}

export interface SettingsChanged {
  workspaceId: string;
  settings: EffectiveSettings;
}

export interface SessionRevoked {
  reason: SessionEndReason;
}

export interface PresenceSnapshot {
  items: Presence[];
  chatLimits: ChatLimits;
}

/** /dock: requests are imperative and acked. */
export interface DockClientToServerEvents {
  "presence:set": (body: PresenceSetRequest, ack: Ack<Presence>) => void;
  "call:state": (body: CallStateRequest, ack: Ack<Presence>) => void;
  "chat:state": (body: ChatStateRequest, ack: Ack<Presence>) => void;
}

/** /dock: broadcasts are past tense. */
export interface DockServerToClientEvents {
  "settings:changed": (payload: SettingsChanged) => void;
  "offer:new": (payload: Offer) => void;
  "offer:cancelled": (payload: { offerId: string }) => void;
  "session:revoked": (payload: SessionRevoked) => void;
  /** The member's own presence, on connect and whenever it changes (the cause says who changed it). */
  "presence:changed": (payload: Presence) => void;
}

/** /console: watchers only listen; status changes for others go through PUT /presence/:userId (audited). */
export type ConsoleClientToServerEvents = Record<never, never>;

export interface ConsoleServerToClientEvents {
  "presence:snapshot": (payload: PresenceSnapshot) => void;
  "presence:changed": (payload: Presence) => void;
  "session:revoked": (payload: SessionRevoked) => void;
}
