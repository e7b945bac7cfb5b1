import { Schema, model, type InferSchemaType } from "mongoose";

const sessionSchema = new Schema({
  /** sha-256 of the opaque token; a database leak yields no usable sessions. */
  tokenHash: { type: String, required: true, unique: true },
  userId: { type: Schema.Types.ObjectId, ref: "User", required: true, index: true },
  createdAt: { type: Date, required: true },
  /** Enforced in queries plus a periodic clean-up: FerretDB has no TTL indexes. */
  expiresAt: { type: Date, required: true },
});

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const SessionModel = model("Session", sessionSchema);
