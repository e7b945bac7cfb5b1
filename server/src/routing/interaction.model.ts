import type { ClosedBy, InteractionKind, InteractionState, MessageAuthor, OfferOutcome } from "@switchboard/shared";
import { Schema, model, type Types } from "mongoose";

const offerSchema = new Schema(
  {
    _id: { type: String, required: true },
    agentId: { type: Schema.Types.ObjectId, required: true },
    agentName: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    outcome: { type: String, enum: ["accepted", "declined", "timeout", "cancelled", null], default: null },
  },
  { _id: false },
);

const messageSchema = new Schema(
  {
    _id: { type: String, required: true },
    from: { type: String, enum: ["visitor", "agent", "system"], required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true },
    authorName: { type: String },
  },
  { _id: false },
);

/**
 * One customer chat (later call), DESIGN.md §10. Every state change is a single-document
 * update conditional on `{ _id, state }`; who may hold it (offer, agent) is decided first in the
 * reservation store, which is atomic where FerretDB is not.
 */
const interactionSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", required: true },
    queueId: { type: Schema.Types.ObjectId, ref: "Queue", required: true },
    queueName: { type: String, required: true },
    /** The queue's teams when enqueued: who may read it (§5 own teams' queues). */
    queueTeams: { type: [Schema.Types.ObjectId], default: [] },
    kind: { type: String, enum: ["call", "chat"], required: true },
    state: { type: String, enum: ["queued", "offered", "connected", "wrapup", "closed", "abandoned"], required: true },
    agentId: { type: Schema.Types.ObjectId, default: null },
    agentName: { type: String, default: null },
    contact: {
      name: { type: String, default: null },
      phone: { type: String, default: null },
      email: { type: String, default: null },
    },
    /** Requeued chats keep their place: FIFO is by this, and a requeue moves it to the front. */
    queuedAt: { type: Date, required: true },
    enqueuedAt: { type: Date, required: true },
    answeredAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    wrapUpUntil: { type: Date, default: null },
    closedBy: { type: String, enum: ["agent", "visitor", "system", null], default: null },
    offers: { type: [offerSchema], default: [] },
    messages: { type: [messageSchema], default: [] },
    /** sha-256 of the visitor token (chats); the token itself only ever reaches the widget. */
    visitorTokenHash: { type: String, default: null },
    /** The visitor's address (IP), for the 3-open-chats limit (§13). */
    visitorAddress: { type: String, default: null },
  },
  { timestamps: true },
);

interactionSchema.index({ workspaceId: 1, enqueuedAt: -1 });
interactionSchema.index({ workspaceId: 1, state: 1, queuedAt: 1 });
interactionSchema.index({ visitorTokenHash: 1 });

export interface StoredOffer {
  _id: string;
  agentId: Types.ObjectId | string;
  agentName: string;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  outcome: OfferOutcome | null;
}
export interface StoredMessage {
  _id: string;
  from: MessageAuthor;
  text: string;
  at: Date;
  authorName?: string | null;
}
/** An interaction as read with `.lean()`. */
export interface InteractionDoc {
  _id: Types.ObjectId;
  workspaceId: Types.ObjectId;
  queueId: Types.ObjectId;
  queueName: string;
  queueTeams: Types.ObjectId[];
  kind: InteractionKind;
  state: InteractionState;
  agentId: Types.ObjectId | string | null;
  agentName: string | null;
  contact: { name: string | null; phone: string | null; email: string | null };
  queuedAt: Date;
  enqueuedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  closedAt: Date | null;
  wrapUpUntil: Date | null;
  closedBy: ClosedBy | null;
  offers: StoredOffer[];
  messages: StoredMessage[];
  visitorTokenHash: string | null;
  visitorAddress: string | null;
}
export const InteractionModel = model("Interaction", interactionSchema);
