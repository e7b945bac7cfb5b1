import { Schema, model, type InferSchemaType } from "mongoose";

/** Integrations and channels a workspace has connected (minimal: a name and its configuration). */
const connectionSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", required: true },
    kind: { type: String, enum: ["integration", "channel"], required: true },
    /** Integration provider (e.g. "salesforce") or channel type ("phone" | "chat"). */
    provider: { type: String, required: true },
    name: { type: String, required: true },
    nameLower: { type: String, required: true },
    /** Keys are validated by the shared schema (no dots, no leading $). */
    config: { type: Schema.Types.Mixed, default: () => ({}) },
    createdBy: { type: Schema.Types.ObjectId, ref: "User", required: true },
  },
  { timestamps: true, minimize: false },
);

connectionSchema.index({ workspaceId: 1, kind: 1, nameLower: 1 }, { unique: true });

export type ConnectionDoc = InferSchemaType<typeof connectionSchema>;
export const ConnectionModel = model("Connection", connectionSchema);
