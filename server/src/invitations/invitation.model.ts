import { Schema, model, type InferSchemaType } from "mongoose";
import { ROLES } from "@switchboard/shared";

const invitationSchema = new Schema({
  workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", required: true },
  email: { type: String, required: true },
  emailLower: { type: String, required: true },
  name: { type: String, required: true },
  phone: { type: String, default: null },
  roles: { type: [{ type: String, enum: ROLES }], required: true },
  teams: { type: [{ type: Schema.Types.ObjectId, ref: "Team" }], required: true },
  /** sha-256 of the 256-bit token; the token itself only travels in the link. */
  tokenHash: { type: String, required: true, unique: true },
  /** The token sealed with the server's link key, so the pending table can show the link (see link-cipher.ts). */
  tokenSealed: { type: String, required: true },
  invitedBy: { type: Schema.Types.ObjectId, ref: "User", required: true },
  /** Kept so a start-up sweep can write the audit event and e-mail of an invitation a crash interrupted. */
  invitedByName: { type: String, default: null },
  source: { type: String, enum: ["form", "csv", null], default: null },
  createdAt: { type: Date, required: true },
  /** Last time the e-mail went out (creation or resend). */
  sentAt: { type: Date, required: true },
  /** Enforced in queries plus a periodic clean-up: FerretDB has no TTL indexes. */
  expiresAt: { type: Date, required: true },
  status: { type: String, enum: ["pending", "accepted", "cancelled", "expired"], required: true },
  /**
   * "At most one pending invitation per (workspace, email)" without a partial index
   * (FerretDB lacks them): pending rows hold `<ws>:<email>`, closed rows `<ws>:<email>:<id>`.
   */
  pendingKey: { type: String, required: true, unique: true },
  acceptedAt: { type: Date, default: null },
  acceptedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
  cancelledAt: { type: Date, default: null },
  cancelledBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
});

invitationSchema.index({ workspaceId: 1, status: 1, createdAt: -1 });
invitationSchema.index({ status: 1, expiresAt: 1 });

/** The value of `pendingKey` while an invitation is pending, and once it is closed. */
export const openPendingKey = (workspaceId: unknown, emailLower: string) => `${String(workspaceId)}:${emailLower}`;
export const closedPendingKey = (workspaceId: unknown, emailLower: string, id: unknown) => `${openPendingKey(workspaceId, emailLower)}:${String(id)}`;

export type InvitationDoc = InferSchemaType<typeof invitationSchema>;
export const InvitationModel = model("Invitation", invitationSchema);
