import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * A journal entry written before a batch of invitations and deleted once each of them has its
 * audit event and queued e-mail. FerretDB has no multi-document transactions, so this is how a
 * start-up sweep finds invitations a crash left between those steps (invitation-completion.ts).
 * Finished entries are deleted, so the collection stays small enough to scan at start-up.
 */
const invitationBatchSchema = new Schema({
  workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", required: true },
  /** "created" also owes each invitation its `invitation.created` event; "resent" only the new link's e-mail. */
  kind: { type: String, enum: ["created", "resent"], required: true },
  /** Ids chosen before the insert; some may never have been stored (a lost race, a crash). */
  invitationIds: { type: [Schema.Types.ObjectId], required: true },
  createdAt: { type: Date, required: true },
});

export type InvitationBatchDoc = InferSchemaType<typeof invitationBatchSchema>;
export const InvitationBatchModel = model("InvitationBatch", invitationBatchSchema);
