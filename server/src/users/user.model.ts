import { Schema, model, type InferSchemaType } from "mongoose";

const userSchema = new Schema(
  {
    organizationId: { type: Schema.Types.ObjectId, ref: "Organization", required: true, index: true },
    email: { type: String, required: true },
    /** FerretDB has no collation indexes, so uniqueness is on a lower-cased copy. */
    emailLower: { type: String, required: true, unique: true },
    firstName: { type: String, required: true },
    lastName: { type: String, required: true },
    username: { type: String, default: null },
    phone: { type: String, default: null },
    passwordHash: { type: String, required: true },
    location: { type: String, default: null },
    skills: { type: [String], default: [] },
    languages: { type: [String], default: [] },
  },
  { timestamps: true },
);

export type UserDoc = InferSchemaType<typeof userSchema>;
export const UserModel = model("User", userSchema);
