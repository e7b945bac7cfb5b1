import { INVITATION_TTL_DAYS, type Invitation } from "@switchboard/shared";
import { trusted, type Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import type { QueuedMail } from "../mail/mail-queue.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { closedPendingKey, InvitationModel, type InvitationDoc } from "./invitation.model.js";

/** Helpers shared by sending, resending, listing and accepting invitations. */

const DAY_MS = 86_400_000;

export type StoredInvitation = InvitationDoc & { _id: Types.ObjectId };

export const auditActor = (actor: MemberContext) => ({ id: actor.userId, name: actor.name });
export const newExpiry = (now: Date) => new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS);

/** Expiry is enforced here, in every read, not by a TTL index (FerretDB has none). */
export const effectiveStatus = (inv: Pick<StoredInvitation, "status" | "expiresAt">, now: Date): Invitation["status"] =>
  inv.status === "pending" && inv.expiresAt.getTime() <= now.getTime() ? "expired" : inv.status;

export async function loadWorkspace(workspaceId: string) {
  const workspace = await WorkspaceModel.findById(workspaceId, { name: 1, organizationId: 1 }).lean();
  if (!workspace) throw notFound("Workspace");
  return workspace;
}

/** Moves an invitation out of "pending" and frees its (workspace, e-mail) slot for a new one. */
export async function closeInvitation(inv: Pick<StoredInvitation, "_id" | "workspaceId" | "emailLower">, from: string[], set: Record<string, unknown>) {
  return InvitationModel.updateOne(
    { _id: inv._id, status: trusted({ $in: from }) },
    { $set: { ...set, pendingKey: closedPendingKey(inv.workspaceId, inv.emailLower, inv._id) } },
  );
}

/** How many e-mails a request waits for; a bigger batch (a CSV import) goes out behind the answer. */
const DELIVER_INLINE_MAX = 50;

/** First delivery attempt for e-mails just queued; failures stay queued for the mail queue's retries. */
export async function deliverQueued(deps: AppDeps, mails: QueuedMail[]): Promise<void> {
  const delivery = deps.mailer.deliver(mails);
  if (mails.length <= DELIVER_INLINE_MAX) await delivery;
  else void delivery.catch((err) => deps.logger.warn({ err }, "invitation e-mails: delivery failed; the queue retries"));
}
