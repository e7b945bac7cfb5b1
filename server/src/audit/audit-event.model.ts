import { Schema, model, type InferSchemaType } from "mongoose";

const auditEventSchema = new Schema({
  workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", required: true },
  actorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
  actorName: { type: String, default: null },
  action: { type: String, required: true },
  target: {
    type: { type: String, required: true },
    id: { type: String, default: null },
    label: { type: String, default: null },
  },
  before: { type: Schema.Types.Mixed, default: null },
  after: { type: Schema.Types.Mixed, default: null },
  at: { type: Date, required: true },
});

auditEventSchema.index({ workspaceId: 1, at: -1 });
// The console's filters: by who and by action, newest first.
auditEventSchema.index({ workspaceId: 1, actorId: 1, at: -1 });
auditEventSchema.index({ workspaceId: 1, action: 1, at: -1 });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;
export const AuditEventModel = model("AuditEvent", auditEventSchema);
