import { AuditAction } from "@switchboard/shared";
import { trusted, type Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { recordAuditsOnce } from "../audit/audit.service.js";
import { invitationEmail } from "../mail/invitation-email.js";
import type { MailMessage } from "../mail/mailer.js";
import type { QueuedMail } from "../mail/mail-queue.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { InvitationBatchModel } from "./invitation-batch.model.js";
import { InvitationModel } from "./invitation.model.js";
import type { StoredInvitation } from "./invitation-lifecycle.js";
import { linkCipherFor, registrationLink } from "./link-cipher.js";

const CHUNK = 500;

/** What completing an invitation reads: the stored document, or the one just inserted. */
export type CompletableInvitation = Pick<
  StoredInvitation,
  "_id" | "workspaceId" | "email" | "name" | "roles" | "teams" | "tokenHash" | "tokenSealed" | "invitedBy" | "invitedByName" | "source" | "createdAt" | "expiresAt" | "status"
>;

/** One e-mail per registration link: the key is the link's token hash, so a resend (new token) is a new e-mail. */
export function invitationMail(deps: Pick<AppDeps, "config">, inv: CompletableInvitation, workspaceName: string, token?: string): MailMessage {
  const link = registrationLink(deps.config.publicUrl, token ?? linkCipherFor(deps.config).decrypt(inv.tokenSealed));
  return {
    ...invitationEmail({
      to: inv.email,
      name: inv.name,
      workspaceId: String(inv.workspaceId),
      workspaceName,
      inviterName: inv.invitedByName ?? "An administrator",
      roles: inv.roles,
      link,
      expiresAt: inv.expiresAt,
    }),
    dedupeKey: `invitation-link:${inv.tokenHash}`,
    invitationId: String(inv._id),
  };
}

/**
 * Step 1 of storing invitations without transactions: the journal entry naming them, written
 * before them, so that from the moment an invitation exists something says it may be unfinished.
 */
export async function openInvitationBatch(kind: BatchKind, workspaceId: Types.ObjectId | string, invitationIds: Types.ObjectId[], now: Date): Promise<Batch> {
  const batch = await InvitationBatchModel.create({ kind, workspaceId, invitationIds, createdAt: now });
  return { id: batch._id, kind };
}

/** For a change that was refused after its journal entry was written: nothing is owed. */
export async function abandonInvitationBatch(batch: Batch): Promise<void> {
  await InvitationBatchModel.deleteOne({ _id: batch.id });
}

type BatchKind = "created" | "resent";
export interface Batch {
  id: Types.ObjectId;
  kind: BatchKind;
}

/**
 * The steps after storing invitations, each safe to repeat: the `invitation.created` event (its
 * id is the invitation's id, so a second write is refused by the unique `_id`) and the queued
 * e-mail for the current link (unique dedupe key); then the journal entry goes. Returns the
 * e-mails queued by this call, for a first delivery attempt.
 */
export async function completeInvitations(deps: AppDeps, batch: Batch, invitations: CompletableInvitation[], workspaceName: string): Promise<QueuedMail[]> {
  const queued: QueuedMail[] = [];
  for (let i = 0; i < invitations.length; i += CHUNK) {
    const part = invitations.slice(i, i + CHUNK);
    if (batch.kind === "created") await recordAuditsOnce(
      part.map((inv) => ({
        id: inv._id,
        workspaceId: inv.workspaceId,
        actor: { id: inv.invitedBy, name: inv.invitedByName ?? "" },
        action: AuditAction.invitationCreated,
        target: { type: "invitation", id: String(inv._id), label: inv.email },
        after: { name: inv.name, email: inv.email, roles: inv.roles, teams: inv.teams.map(String), source: inv.source ?? "form" },
        at: inv.createdAt,
      })),
    );
    const mailable = part.filter((inv) => inv.status === "pending");
    queued.push(...(await deps.mailer.enqueue(mailable.map((inv) => invitationMail(deps, inv, workspaceName)))));
  }
  await InvitationBatchModel.deleteOne({ _id: batch.id });
  return queued;
}

/** Start-up sweep: the invitations of every journal entry a stop left behind get their audit event and e-mail now. */
export async function completeInterruptedInvitations(deps: AppDeps): Promise<number> {
  let completed = 0;
  for (const batch of await InvitationBatchModel.find({}).lean()) {
    const invitations: CompletableInvitation[] = [];
    for (let i = 0; i < batch.invitationIds.length; i += CHUNK) {
      invitations.push(...(await InvitationModel.find({ _id: trusted({ $in: batch.invitationIds.slice(i, i + CHUNK) }) }).lean()));
    }
    const workspace = await WorkspaceModel.findById(batch.workspaceId, { name: 1 }).lean();
    await completeInvitations(deps, { id: batch._id, kind: batch.kind }, invitations, workspace?.name ?? "Switchboard");
    completed += invitations.length;
  }
  if (completed > 0) deps.logger.info({ count: completed }, "completed invitations interrupted by a stop");
  return completed;
}
