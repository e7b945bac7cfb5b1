import { Schema, model, type InferSchemaType } from "mongoose";

/** A pending password reset: one per e-mailed link, deleted when used. */
const passwordResetSchema = new Schema({
  /** sha-256 of the link's token, never the token (a database leak yields no usable link); `_id` for FerretDB's cheap lookup. */
  _id: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, ref: "User", required: true, index: true },
  createdAt: { type: Date, required: true },
  /** Enforced in code: FerretDB has no TTL indexes. */
  expiresAt: { type: Date, required: true },
});

export type PasswordResetDoc = InferSchemaType<typeof passwordResetSchema>;
export const PasswordResetModel = model("PasswordReset", passwordResetSchema);
