import { Schema, model, type InferSchemaType } from "mongoose";

/** Mail that would have gone out over SMTP when none is configured (development). */
const outboxMessageSchema = new Schema({
  workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", default: null },
  to: { type: String, required: true },
  subject: { type: String, required: true },
  text: { type: String, required: true },
  html: { type: String, default: null },
  createdAt: { type: Date, required: true },
});

outboxMessageSchema.index({ workspaceId: 1, createdAt: -1 });

export type OutboxMessageDoc = InferSchemaType<typeof outboxMessageSchema>;
export const OutboxMessageModel = model("OutboxMessage", outboxMessageSchema);
