import { z } from "zod";
import type { Permission } from "../permissions/matrix.js";
import { MISSED_AWAY_REASON, onlyAwayHasReason, onlyAwayHasReasonIssue, presenceChoiceShape, presenceSchema, chatLimitsSchema } from "../presence/presence.schema.js";
import { effectiveSettingsSchema } from "../settings/settings.schema.js";
import type {
  Ack,
  ConsoleClientToServerEvents,
  ConsoleServerToClientEvents,
  DockClientToServerEvents,
  DockServerToClientEvents,
  VisitorClientToServerEvents,
  VisitorServerToClientEvents,
} from "./events.js";
import { chatMessageSchema, interactionDetailSchema, interactionSchema } from "../routing/interaction.schema.js";
import { queueStatsSchema } from "../routing/queue.schema.js";
import {
  chatClosedSchema,
  chatJoinedSchema,
  chatMessageEventSchema,
  chatQueuedSchema,
  chatResumedSchema,
  chatSendRequestSchema,
  chatStartRequestSchema,
  chatStartResultSchema,
  chatTypingEventSchema,
  dockChatTypingRequestSchema,
  emptyRequestSchema,
  emptyResponseSchema,
  interactionRequestSchema,
  offerCancelledSchema,
  offerRequestSchema,
  offerSchema,
  visitorChatSendRequestSchema,
  visitorTypingEventSchema,
  visitorTypingRequestSchema,
  wrapUpStateSchema,
} from "../routing/routing-events.js";
import { SessionEndReason } from "./protocol.js";

/** What the server needs to accept one acked request: its body schema and the permission it takes. */
export interface RequestSpec<Body, Data> {
  body: z.ZodType<Body, unknown>;
  response: z.ZodType<Data>;
  permission: Permission;
}

/** /visitor requests have no member behind them, so no permission: the handshake's queue is the scope. */
export interface VisitorRequestSpec<Body, Data> {
  body: z.ZodType<Body, unknown>;
  response: z.ZodType<Data>;
}
type VisitorRequestSpecs<Events> = {
  [K in keyof Events]: Events[K] extends (body: infer Body, ack: Ack<infer Data>) => void ? VisitorRequestSpec<Body, Data> : never;
};

type RequestSpecs<Events> = {
  [K in keyof Events]: Events[K] extends (body: infer Body, ack: Ack<infer Data>) => void ? RequestSpec<Body, Data> : never;
};
type PayloadSchemas<Events> = {
  [K in keyof Events]: Events[K] extends (payload: infer Payload) => void ? z.ZodType<Payload> : never;
};

/**
 * `auto: "missed"` is the dock's auto-pause (DESIGN.md §9): a call rang out at the dock
 * unanswered. It must say away/missed, the one reason nobody picks by hand.
 */
export const presenceSetRequestSchema = z
  .strictObject({ ...presenceChoiceShape, auto: z.enum(["idle", "missed"]).optional() })
  .refine(onlyAwayHasReason, onlyAwayHasReasonIssue)
  .refine((body) => (body.auto === "missed") === (body.status === "away" && body.awayReason === MISSED_AWAY_REASON), {
    message: 'Only auto "missed" sets away with reason missed, and it sets nothing else',
    path: ["awayReason"],
  });
export const callStateRequestSchema = z.strictObject({ onCall: z.boolean() });
export const chatStateRequestSchema = z.strictObject({ activeChats: z.number().int().min(0).max(50) });

export const settingsChangedSchema = z.object({ workspaceId: z.string(), settings: effectiveSettingsSchema });
export const sessionRevokedSchema = z.object({ reason: z.enum(Object.values(SessionEndReason) as [SessionEndReason, ...SessionEndReason[]]) });
export const presenceSnapshotSchema = z.object({ items: z.array(presenceSchema), chatLimits: chatLimitsSchema });

/**
 * One entry per event of the maps in events.ts: `satisfies` makes a new event fail to
 * compile until it has a schema (and, for requests, a permission).
 */
export const dockRequests = {
  "presence:set": { body: presenceSetRequestSchema, response: presenceSchema, permission: "dock.use" },
  "call:state": { body: callStateRequestSchema, response: presenceSchema, permission: "dock.use" },
  "chat:state": { body: chatStateRequestSchema, response: presenceSchema, permission: "dock.use" },
  "offer:accept": { body: offerRequestSchema, response: interactionDetailSchema, permission: "offers.receive" },
  "offer:decline": { body: offerRequestSchema, response: emptyResponseSchema, permission: "offers.receive" },
  "chat:send": { body: chatSendRequestSchema, response: chatMessageSchema, permission: "offers.receive" },
  "chat:typing": { body: dockChatTypingRequestSchema, response: emptyResponseSchema, permission: "offers.receive" },
  "interaction:close": { body: interactionRequestSchema, response: interactionDetailSchema, permission: "offers.receive" },
  "wrapup:done": { body: emptyRequestSchema, response: wrapUpStateSchema, permission: "offers.receive" },
} satisfies RequestSpecs<DockClientToServerEvents>;

export const consoleRequests = {} satisfies RequestSpecs<ConsoleClientToServerEvents>;

/** Clients parse what the server sends with these. */
export const dockBroadcastSchemas = {
  "settings:changed": settingsChangedSchema,
  "offer:new": offerSchema,
  "offer:cancelled": offerCancelledSchema,
  "chat:message": chatMessageEventSchema,
  "chat:typing": chatTypingEventSchema,
  "interaction:changed": interactionDetailSchema,
  "session:revoked": sessionRevokedSchema,
  "presence:changed": presenceSchema,
} satisfies PayloadSchemas<DockServerToClientEvents>;

export const consoleBroadcastSchemas = {
  "presence:snapshot": presenceSnapshotSchema,
  "presence:changed": presenceSchema,
  "queue:stats": queueStatsSchema,
  "interaction:changed": interactionSchema,
  "session:revoked": sessionRevokedSchema,
} satisfies PayloadSchemas<ConsoleServerToClientEvents>;

export const visitorRequests = {
  "chat:start": { body: chatStartRequestSchema, response: chatStartResultSchema },
  "chat:send": { body: visitorChatSendRequestSchema, response: chatMessageSchema },
  "chat:close": { body: emptyRequestSchema, response: emptyResponseSchema },
  "chat:typing": { body: visitorTypingRequestSchema, response: emptyResponseSchema },
} satisfies VisitorRequestSpecs<VisitorClientToServerEvents>;

export const visitorBroadcastSchemas = {
  "chat:queued": chatQueuedSchema,
  "chat:joined": chatJoinedSchema,
  "chat:message": chatMessageEventSchema,
  "chat:typing": visitorTypingEventSchema,
  "chat:closed": chatClosedSchema,
  "chat:resumed": chatResumedSchema,
} satisfies PayloadSchemas<VisitorServerToClientEvents>;
