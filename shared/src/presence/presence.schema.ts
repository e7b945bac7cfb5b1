import { z } from "zod";
import { objectIdSchema } from "../members/common.schema.js";
import { roleSchema } from "../permissions/roles.js";

export const PresenceStatus = Object.freeze({ available: "available", away: "away", offline: "offline" } as const);
export type PresenceStatus = (typeof PresenceStatus)[keyof typeof PresenceStatus];
export const presenceStatusSchema = z.enum(PresenceStatus);

/** Why presence changed on its own (DESIGN.md §8); a person's change carries `{ by }` instead. */
export const AutomaticCause = Object.freeze({
  missed: "missed",
  disconnected: "disconnected",
  idle: "idle",
  revoked: "revoked",
} as const);
export type AutomaticCause = (typeof AutomaticCause)[keyof typeof AutomaticCause];
export const automaticCauseSchema = z.enum(AutomaticCause);

export const presenceActorSchema = z.object({ userId: objectIdSchema, name: z.string() });
export type PresenceActor = z.infer<typeof presenceActorSchema>;

export const presenceCauseSchema = z.union([automaticCauseSchema, z.object({ by: presenceActorSchema })]);
export type PresenceCause = z.infer<typeof presenceCauseSchema>;

/** One open dock of a member; several docks make one presence. */
export const presenceDeviceSchema = z.object({
  id: z.string(),
  label: z.string(),
  connectedAt: z.iso.datetime(),
});
export type PresenceDevice = z.infer<typeof presenceDeviceSchema>;

/** What watchers see per member: `presence:snapshot` items, `presence:changed`, GET /presence items. */
export const presenceSchema = z.object({
  userId: objectIdSchema,
  name: z.string(),
  /** The member's teams, primary first: the board groups by them. */
  teams: z.array(objectIdSchema),
  /** The member's roles: the console offers "Set status" only where the server would allow it (checkSetPresence). */
  roles: z.array(roleSchema),
  status: presenceStatusSchema,
  awayReason: z.string().optional(),
  onCall: z.boolean(),
  activeChats: z.number().int().min(0),
  /** In wrap-up (after-call work, no offers) until then; absent when not. From interactions, like onCall and activeChats. */
  wrapUpUntil: z.iso.datetime().optional(),
  /** When `status` (or the away reason) last changed. */
  since: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  cause: presenceCauseSchema.optional(),
  devices: z.array(presenceDeviceSchema),
});
export type Presence = z.infer<typeof presenceSchema>;

/** "missed" is set by the server when an offer rings out (auto-pause); nobody picks it by hand. */
export const MISSED_AWAY_REASON = "missed";
const awayReasonSchema = z.string().trim().min(1).max(40);

/**
 * A status someone chooses: for oneself from the dock (`presence:set`) or for an agent
 * from the console (PUT /presence/:userId). Offline is never chosen: it follows the connection.
 * The away reason must be one of the workspace's list; the server checks that.
 */
export const presenceChoiceShape = {
  status: z.enum(["available", "away"]),
  awayReason: awayReasonSchema.optional(),
};
export const onlyAwayHasReason = (choice: { status: string; awayReason?: string }) => choice.status === "away" || choice.awayReason === undefined;
export const onlyAwayHasReasonIssue = { message: "Only an away status has a reason", path: ["awayReason"] };
export const presenceChoiceSchema = z.strictObject(presenceChoiceShape).refine(onlyAwayHasReason, onlyAwayHasReasonIssue);
export type PresenceChoice = z.infer<typeof presenceChoiceSchema>;

/** Each listed member's effective chatsPerUser (team and member overrides included): the board's "n / limit". */
export const chatLimitsSchema = z.record(objectIdSchema, z.number().int().min(1));
export type ChatLimits = z.infer<typeof chatLimitsSchema>;

export const presenceListSchema = z.object({ items: z.array(presenceSchema), total: z.number().int(), chatLimits: chatLimitsSchema });
export type PresenceList = z.infer<typeof presenceListSchema>;
