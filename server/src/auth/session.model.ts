import { Schema, model, type InferSchemaType } from "mongoose";

const sessionSchema = new Schema({
  /**
   * sha-256 of the opaque token, so a database leak yields no usable sessions. It is the `_id`
   * because every request and socket handshake looks a session up by it, and `{ _id: value }`
   * is the one filter FerretDB v1's SQLite backend pushes down to SQLite (cheap there; everything
   * else is decoded and filtered document by document in Go). On MongoDB it is the primary key.
   */
  _id: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, ref: "User", required: true, index: true },
  createdAt: { type: Date, required: true },
  /** Enforced in code plus a periodic clean-up: FerretDB has no TTL indexes. */
  expiresAt: { type: Date, required: true },
  /** Set when this session fetched SIP credentials (a dock): signing out of it revokes them (sip/sip-revocation.ts). */
  sipIssuedAt: { type: Date },
});

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const SessionModel = model("Session", sessionSchema);
