import { Schema, model, type InferSchemaType } from "mongoose";

const contactSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", required: true },
    name: { type: String, required: true },
    nameLower: { type: String, required: true },
    phone: { type: String, default: null },
    email: { type: String, default: null },
    assigneeId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    teamId: { type: Schema.Types.ObjectId, ref: "Team", default: null },
  },
  { timestamps: true },
);

contactSchema.index({ workspaceId: 1, assigneeId: 1 });
contactSchema.index({ workspaceId: 1, teamId: 1 });
contactSchema.index({ workspaceId: 1, nameLower: 1 });

export type ContactDoc = InferSchemaType<typeof contactSchema>;
export const ContactModel = model("Contact", contactSchema);
