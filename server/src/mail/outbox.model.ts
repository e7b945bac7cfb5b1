import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * The durable mail queue and, once delivered, the record admins read as the outbox.
 * pending → sending (claimed by one worker until `claimUntil`) → sent; `failed` after the last attempt.
 * No transactions on FerretDB, so "once" rests on the unique `dedupeKey` (queueing the same e-mail
 * twice stores it once), the claim (one worker per attempt) and the `sent` mark written the moment
 * SMTP accepted the message (mail-transport.ts explains the window that remains).
 */
export const MAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

const outboxMessageSchema = new Schema({
  workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", default: null },
  /** What this e-mail is for, e.g. `invitation-link:<token hash>`: one e-mail per key, whoever queues it. */
  dedupeKey: { type: String, required: true, unique: true },
  /** The invitation whose link this e-mail carries (lets visibility rules follow the invitation). */
  invitationId: { type: Schema.Types.ObjectId, ref: "Invitation", default: null },
  to: { type: String, required: true },
  subject: { type: String, required: true },
  text: { type: String, required: true },
  html: { type: String, default: null },
  createdAt: { type: Date, required: true },
  status: { type: String, enum: MAIL_STATUSES, required: true, default: "pending" },
  attempts: { type: Number, required: true, default: 0 },
  nextAttemptAt: { type: Date, required: true },
  /** Random per attempt (MongoDB only, see mail-queue.ts): only the worker holding it may mark the message sent. */
  claimToken: { type: String, default: null },
  claimUntil: { type: Date, default: null },
  sentAt: { type: Date, default: null },
  lastError: { type: String, default: null },
});

// The outbox pages by `_id` (time-ordered) within a workspace; the queue looks up what is still open.
outboxMessageSchema.index({ workspaceId: 1, _id: -1 });
outboxMessageSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutboxMessageDoc = InferSchemaType<typeof outboxMessageSchema>;
export const OutboxMessageModel = model("OutboxMessage", outboxMessageSchema);
