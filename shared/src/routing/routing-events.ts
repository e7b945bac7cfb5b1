import { z } from "zod";
import { emailSchema, objectIdSchema, personNameSchema } from "../members/common.schema.js";
import {
  chatMessageSchema,
  chatTextSchema,
  closedBySchema,
  interactionKindSchema,
  interactionStateSchema,
  offerCancelReasonSchema,
} from "./interaction.schema.js";

/** Payloads of the routing events (DESIGN.md §12). The event maps live in realtime/events.ts. */

/** server → dock `offer:new`: what the agent may see; a masking dock never gets the real number or e-mail. */
export const offerSchema = z.object({
  offerId: z.string(),
  interactionId: objectIdSchema,
  kind: interactionKindSchema,
  queue: z.object({ id: objectIdSchema, name: z.string() }),
  display: z.object({ name: z.string().optional(), number: z.string().optional(), email: z.string().optional() }),
  /** For a chat, the customer's first message (so the card can show what it is about). */
  preview: z.string().optional(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type Offer = z.infer<typeof offerSchema>;

export const offerCancelledSchema = z.object({ offerId: z.string(), reason: offerCancelReasonSchema });
export type OfferCancelled = z.infer<typeof offerCancelledSchema>;

/** `chat:message` to docks and visitors alike. */
export const chatMessageEventSchema = z.object({ interactionId: objectIdSchema, message: chatMessageSchema });
export type ChatMessageEvent = z.infer<typeof chatMessageEventSchema>;

/** Typing indicator; sent at most every couple of seconds while typing, and `false` when it stops. */
export const chatTypingEventSchema = z.object({ interactionId: objectIdSchema, typing: z.boolean() });
export type ChatTypingEvent = z.infer<typeof chatTypingEventSchema>;

// dock → server
export const offerRequestSchema = z.strictObject({ offerId: z.string().min(1).max(64) });
export type OfferRequest = z.infer<typeof offerRequestSchema>;
export const chatSendRequestSchema = z.strictObject({ interactionId: objectIdSchema, text: chatTextSchema });
export type ChatSendRequest = z.infer<typeof chatSendRequestSchema>;
export const interactionRequestSchema = z.strictObject({ interactionId: objectIdSchema });
export type InteractionRequest = z.infer<typeof interactionRequestSchema>;
export const dockChatTypingRequestSchema = z.strictObject({ interactionId: objectIdSchema, typing: z.boolean() });
export type DockChatTypingRequest = z.infer<typeof dockChatTypingRequestSchema>;
export const emptyRequestSchema = z.strictObject({});
export type EmptyRequest = z.infer<typeof emptyRequestSchema>;
export const emptyResponseSchema = z.object({});
export type EmptyResponse = z.infer<typeof emptyResponseSchema>;

/** Where the agent stands after `wrapup:done` (or any time): null when not in wrap-up. */
export const wrapUpStateSchema = z.object({ wrapUpUntil: z.iso.datetime().nullable() });
export type WrapUpState = z.infer<typeof wrapUpStateSchema>;

// /visitor (the chat widget, no account)
/** `io(url + "/visitor", { auth })`; the token, once issued, continues the same chat after a reload. */
export const visitorHandshakeAuthSchema = z.strictObject({
  protocolVersion: z.number().int().min(0),
  workspaceId: objectIdSchema,
  queueId: objectIdSchema,
  visitorToken: z.string().min(20).max(100).optional(),
});
export type VisitorHandshakeAuth = z.infer<typeof visitorHandshakeAuthSchema>;

export const chatStartRequestSchema = z.strictObject({
  text: chatTextSchema,
  name: personNameSchema.optional(),
  email: emailSchema.optional(),
});
export type ChatStartRequest = z.input<typeof chatStartRequestSchema>;
export const chatStartResultSchema = z.object({
  interactionId: objectIdSchema,
  visitorToken: z.string(),
  position: z.number().int().min(0),
});
export type ChatStartResult = z.infer<typeof chatStartResultSchema>;
export const visitorChatSendRequestSchema = z.strictObject({ text: chatTextSchema });
export type VisitorChatSendRequest = z.infer<typeof visitorChatSendRequestSchema>;
export const visitorTypingRequestSchema = z.strictObject({ typing: z.boolean() });
export type VisitorTypingRequest = z.infer<typeof visitorTypingRequestSchema>;

/** 1-based place in the queue; 0 once an agent has it. */
export const chatQueuedSchema = z.object({ position: z.number().int().min(0) });
export const chatJoinedSchema = z.object({ agentName: z.string() });
export const chatClosedSchema = z.object({ by: closedBySchema });
export const visitorTypingEventSchema = z.object({ typing: z.boolean() });

/** server → visitor on (re)connect with a token that matches a chat: the conversation so far. */
export const chatResumedSchema = z.object({
  interactionId: objectIdSchema,
  state: interactionStateSchema,
  position: z.number().int().min(0),
  agentName: z.string().nullable(),
  messages: z.array(chatMessageSchema),
});
export type ChatResumed = z.infer<typeof chatResumedSchema>;
