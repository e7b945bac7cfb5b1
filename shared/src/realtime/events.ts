import type { ErrorBody } from "../errors/error-body.schema.js";
import type { ChatLimits, Presence, PresenceChoice } from "../presence/presence.schema.js";
import type { EffectiveSettings } from "../settings/settings.schema.js";
import type { SessionEndReason } from "./protocol.js";
import type { Interaction, InteractionDetail, ChatMessage } from "../routing/interaction.schema.js";
import type { QueueStats } from "../routing/queue.schema.js";
import type {
  ChatMessageEvent,
  ChatResumed,
  ChatStartRequest,
  ChatStartResult,
  ChatTypingEvent,
  DockChatTypingRequest,
  ChatSendRequest,
  EmptyRequest,
  EmptyResponse,
  InteractionRequest,
  Offer,
  OfferCancelled,
  OfferRequest,
  VisitorChatSendRequest,
  VisitorTypingRequest,
  WrapUpState,
} from "../routing/routing-events.js";
import type { ClosedBy } from "../routing/interaction.schema.js";

export type { Offer } from "../routing/routing-events.js";

/** Every client request is acked with this; the error is the same body as HTTP errors. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody["error"] };
export type Ack<T> = (result: AckResult<T>) => void;

/** `presence:set` from the dock: a chosen status, `idle` when the dock saw no activity, `missed` when a call rang out. */
export type PresenceSetRequest = PresenceChoice & { auto?: "idle" | "missed" };
/**
 * Older docks report these; the server acks them but `onCall` / `activeChats` come from
 * interactions (DESIGN.md §8), so they change nothing any more.
 */
export interface CallStateRequest {
  onCall: boolean;
}
export interface ChatStateRequest {
  activeChats: number;
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
  /** Take the offer: the interaction (with the chat so far) is the agent's. */
  "offer:accept": (body: OfferRequest, ack: Ack<InteractionDetail>) => void;
  "offer:decline": (body: OfferRequest, ack: Ack<EmptyResponse>) => void;
  "chat:send": (body: ChatSendRequest, ack: Ack<ChatMessage>) => void;
  "chat:typing": (body: DockChatTypingRequest, ack: Ack<EmptyResponse>) => void;
  /** Ends the chat for the customer and starts the agent's wrap-up. */
  "interaction:close": (body: InteractionRequest, ack: Ack<InteractionDetail>) => void;
  /** Ends wrap-up early ("Done"). */
  "wrapup:done": (body: EmptyRequest, ack: Ack<WrapUpState>) => void;
}

/** /dock: broadcasts are past tense. */
export interface DockServerToClientEvents {
  "settings:changed": (payload: SettingsChanged) => void;
  "offer:new": (payload: Offer) => void;
  "offer:cancelled": (payload: OfferCancelled) => void;
  "chat:message": (payload: ChatMessageEvent) => void;
  "chat:typing": (payload: ChatTypingEvent) => void;
  /** One of the agent's interactions as they may see it (sent on connect for each open one, then on every change). */
  "interaction:changed": (payload: InteractionDetail) => void;
  "session:revoked": (payload: SessionRevoked) => void;
  /** The member's own presence, on connect and whenever it changes (the cause says who changed it). */
  "presence:changed": (payload: Presence) => void;
}

/** /console: watchers only listen; status changes for others go through PUT /presence/:userId (audited). */
export type ConsoleClientToServerEvents = Record<never, never>;

export interface ConsoleServerToClientEvents {
  "presence:snapshot": (payload: PresenceSnapshot) => void;
  "presence:changed": (payload: Presence) => void;
  /** Live queue board, scoped to the watcher's queues; on connect and at most every second while it changes. */
  "queue:stats": (payload: QueueStats) => void;
  /** An interaction of a queue the watcher may see (no transcript: GET …/interactions/:id has it). */
  "interaction:changed": (payload: Interaction) => void;
  "session:revoked": (payload: SessionRevoked) => void;
}

/** /visitor: the chat widget. Requests are acked like the dock's. */
export interface VisitorClientToServerEvents {
  /** The first message: opens the chat and issues the visitor token. */
  "chat:start": (body: ChatStartRequest, ack: Ack<ChatStartResult>) => void;
  "chat:send": (body: VisitorChatSendRequest, ack: Ack<ChatMessage>) => void;
  "chat:close": (body: EmptyRequest, ack: Ack<EmptyResponse>) => void;
  "chat:typing": (body: VisitorTypingRequest, ack: Ack<EmptyResponse>) => void;
}

export interface VisitorServerToClientEvents {
  "chat:queued": (payload: { position: number }) => void;
  "chat:joined": (payload: { agentName: string }) => void;
  "chat:message": (payload: ChatMessageEvent) => void;
  "chat:typing": (payload: { typing: boolean }) => void;
  "chat:closed": (payload: { by: ClosedBy }) => void;
  "chat:resumed": (payload: ChatResumed) => void;
}
