import { z } from "zod";
import { listOf, objectIdSchema, pagingQuerySchema } from "../members/common.schema.js";

export const InteractionKind = Object.freeze({ call: "call", chat: "chat" } as const);
export type InteractionKind = (typeof InteractionKind)[keyof typeof InteractionKind];
export const interactionKindSchema = z.enum(InteractionKind);

/** queued → offered → connected → wrapup → closed, or abandoned before it was connected (DESIGN.md §10). */
export const InteractionState = Object.freeze({
  queued: "queued",
  offered: "offered",
  connected: "connected",
  wrapup: "wrapup",
  closed: "closed",
  abandoned: "abandoned",
} as const);
export type InteractionState = (typeof InteractionState)[keyof typeof InteractionState];
export const interactionStateSchema = z.enum(InteractionState);
/** States in which the interaction still takes an agent's capacity (wrap-up blocks offers separately). */
export const OPEN_STATES: readonly InteractionState[] = Object.freeze(["queued", "offered", "connected"]);

export const OfferOutcome = Object.freeze({
  accepted: "accepted",
  declined: "declined",
  timeout: "timeout",
  cancelled: "cancelled",
} as const);
export type OfferOutcome = (typeof OfferOutcome)[keyof typeof OfferOutcome];
export const offerOutcomeSchema = z.enum(OfferOutcome);

/** Why an offer was withdrawn from a dock (`offer:cancelled`). Never rename one. */
export const OfferCancelReason = Object.freeze({
  /** Rang out unanswered. */
  timeout: "timeout",
  /** The agent went away (or was set away). */
  away: "away",
  /** The agent's last dock dropped or signed out. */
  offline: "offline",
  /** The customer left before anyone accepted. */
  abandoned: "abandoned",
  /** The agent lost the right to take it (revoked, team or settings change). */
  ineligible: "ineligible",
} as const);
export type OfferCancelReason = (typeof OfferCancelReason)[keyof typeof OfferCancelReason];
export const offerCancelReasonSchema = z.enum(OfferCancelReason);

export const agentRefSchema = z.object({ id: objectIdSchema, name: z.string() });
export type AgentRef = z.infer<typeof agentRefSchema>;

/** One offer of the interaction to one agent; `outcome` is null while it rings. */
export const offerRecordSchema = z.object({
  id: z.string(),
  agent: agentRefSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  outcome: offerOutcomeSchema.nullable(),
});
export type OfferRecord = z.infer<typeof offerRecordSchema>;

/** The customer as they gave themselves; phone and e-mail masked per the reader (`masked`). */
export const interactionContactSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  masked: z.boolean(),
});
export type InteractionContact = z.infer<typeof interactionContactSchema>;

export const MessageAuthor = Object.freeze({ visitor: "visitor", agent: "agent", system: "system" } as const);
export type MessageAuthor = (typeof MessageAuthor)[keyof typeof MessageAuthor];

/** DESIGN.md §13: plain text up to 2,000 characters, never rendered as HTML. */
export const CHAT_TEXT_MAX = 2000;
export const chatTextSchema = z.string().trim().min(1, "Required").max(CHAT_TEXT_MAX);

export const chatMessageSchema = z.object({
  id: z.string(),
  from: z.enum(MessageAuthor),
  text: z.string(),
  at: z.iso.datetime(),
  authorName: z.string().optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const ClosedBy = Object.freeze({ agent: "agent", visitor: "visitor", system: "system" } as const);
export type ClosedBy = (typeof ClosedBy)[keyof typeof ClosedBy];
export const closedBySchema = z.enum(ClosedBy);

/** An interaction as one reader may see it (REST list items, `interaction:changed` to the console). */
export const interactionSchema = z.object({
  id: objectIdSchema,
  workspaceId: objectIdSchema,
  kind: interactionKindSchema,
  queue: z.object({ id: objectIdSchema, name: z.string() }),
  state: interactionStateSchema,
  agent: agentRefSchema.nullable(),
  contact: interactionContactSchema,
  enqueuedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
  /** The customer's side ended (chat closed by either side, call hung up). */
  endedAt: z.iso.datetime().nullable(),
  /** Wrap-up over (or abandoned): nothing more happens to it. */
  closedAt: z.iso.datetime().nullable(),
  wrapUpUntil: z.iso.datetime().nullable(),
  closedBy: closedBySchema.nullable(),
  offers: z.array(offerRecordSchema),
});
export type Interaction = z.infer<typeof interactionSchema>;

/** GET …/interactions/:id, the `offer:accept` ack and the dock's `interaction:changed`: with the transcript. */
export const interactionDetailSchema = interactionSchema.extend({ messages: z.array(chatMessageSchema) });
export type InteractionDetail = z.infer<typeof interactionDetailSchema>;

export const interactionListQuerySchema = pagingQuerySchema.extend({
  queue: objectIdSchema.optional(),
  agent: objectIdSchema.optional(),
  kind: interactionKindSchema.optional(),
  state: interactionStateSchema.optional(),
  /** enqueuedAt ≥ from, < to. */
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type InteractionListQuery = z.infer<typeof interactionListQuerySchema>;
export const interactionListSchema = listOf(interactionSchema);
export type InteractionList = z.infer<typeof interactionListSchema>;
