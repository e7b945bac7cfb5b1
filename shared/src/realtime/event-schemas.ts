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
} from "./events.js";
import { SessionEndReason } from "./protocol.js";

/** What the server needs to accept one acked request: its body schema and the permission it takes. */
export interface RequestSpec<Body, Data> {
  body: z.ZodType<Body>;
  response: z.ZodType<Data>;
  permission: Permission;
}

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

export const offerSchema = z.object({
  offerId: z.string(),
  kind: z.enum(["call", "chat"]),
  display: z.object({ name: z.string().optional(), number: z.string().optional() }),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
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
} satisfies RequestSpecs<DockClientToServerEvents>;

export const consoleRequests = {} satisfies RequestSpecs<ConsoleClientToServerEvents>;

/** Clients parse what the server sends with these. */
export const dockBroadcastSchemas = {
  "settings:changed": settingsChangedSchema,
  "offer:new": offerSchema,
  "offer:cancelled": z.object({ offerId: z.string() }),
  "session:revoked": sessionRevokedSchema,
  "presence:changed": presenceSchema,
} satisfies PayloadSchemas<DockServerToClientEvents>;

export const consoleBroadcastSchemas = {
  "presence:snapshot": presenceSnapshotSchema,
  "presence:changed": presenceSchema,
  "session:revoked": sessionRevokedSchema,
} satisfies PayloadSchemas<ConsoleServerToClientEvents>;
