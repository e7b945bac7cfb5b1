import { Schema, model, type InferSchemaType } from "mongoose";

const teamSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", required: true },
    name: { type: String, required: true },
    nameLower: { type: String, required: true },
    settings: { type: Schema.Types.Mixed, default: () => ({}) },
    locks: { type: [String], default: [] },
  },
  { timestamps: true, minimize: false },
);

teamSchema.index({ workspaceId: 1, nameLower: 1 }, { unique: true });

export type TeamDoc = InferSchemaType<typeof teamSchema>;
export const TeamModel = model("Team", teamSchema);
