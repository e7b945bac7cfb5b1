import { Schema, model, type InferSchemaType } from "mongoose";
import { DEFAULT_AWAY_REASONS } from "@switchboard/shared";

const workspaceSchema = new Schema(
  {
    organizationId: { type: Schema.Types.ObjectId, ref: "Organization", required: true, index: true },
    name: { type: String, required: true },
    /** Workspace-wide defaults (DESIGN.md §6); keys are settings field names, never dotted. */
    settings: { type: Schema.Types.Mixed, default: () => ({}) },
    /** Fields teams and users may not override. */
    locks: { type: [String], default: [] },
    awayReasons: { type: [String], default: () => [...DEFAULT_AWAY_REASONS] },
  },
  { timestamps: true, minimize: false },
);

export type WorkspaceDoc = InferSchemaType<typeof workspaceSchema>;
export const WorkspaceModel = model("Workspace", workspaceSchema);
