import { Schema, model, type InferSchemaType } from "mongoose";
import { ROLES } from "@switchboard/shared";

const membershipSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", required: true },
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    roles: { type: [{ type: String, enum: ROLES }], required: true },
    /** Ordered: the first team is the primary one (settings resolution reads it). */
    teams: { type: [{ type: Schema.Types.ObjectId, ref: "Team" }], required: true },
    restrictions: { type: Schema.Types.Mixed, default: () => ({}) },
    /** User-level settings overrides; dock fields apply only while `overrideDockSettings` is on. */
    settingsOverrides: { type: Schema.Types.Mixed, default: () => ({}) },
    overrideDockSettings: { type: Boolean, default: false },
    status: { type: String, enum: ["active", "revoked"], default: "active", required: true },
    /**
     * Copies of the user's profile, kept in step by the members service, so that the
     * members table can search and page a large workspace without a join ($lookup is out on FerretDB).
     */
    name: { type: String, required: true },
    nameLower: { type: String, required: true },
    emailLower: { type: String, required: true },
    phone: { type: String, default: null },
    lastActiveAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
  },
  { timestamps: true, minimize: false },
);

membershipSchema.index({ workspaceId: 1, userId: 1 }, { unique: true });
// On MongoDB: loading a workspace's membership copy (active) and the revoked list walk this index
// (equality on workspace+status, then name order with _id as the tie-break).
membershipSchema.index({ workspaceId: 1, status: 1, nameLower: 1, _id: 1 });
membershipSchema.index({ workspaceId: 1, status: 1, emailLower: 1 });
membershipSchema.index({ userId: 1 });

export type MembershipDoc = InferSchemaType<typeof membershipSchema>;
export const MembershipModel = model("Membership", membershipSchema);
