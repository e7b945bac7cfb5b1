import { importProgressSchema, invitationSchema, inviteReportSchema, listOf, type CsvColumnMapping, type InvitationPatch, type InviteBody, type Role } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

/**
 * A pending invitation as listed: the §12 fields, plus phone and sentAt when present.
 * Picking keeps a field added on the server from breaking the table.
 */
const pendingInvitationSchema = invitationSchema
  .pick({ id: true, name: true, email: true, roles: true, teams: true, link: true, createdAt: true, expiresAt: true, status: true })
  .extend({ phone: invitationSchema.shape.phone.optional(), sentAt: invitationSchema.shape.sentAt.optional() });
export type PendingInvitation = ReturnType<typeof pendingInvitationSchema.parse>;
export type InviteReport = ReturnType<typeof inviteReportSchema.parse>;

export interface InvitationListQuery {
  q: string;
  page: number;
  pageSize: number;
}

/** One page of pending invitations, newest first; `q` finds a name or e-mail on the server. */
export const listInvitations = (workspaceId: string, { q, page, pageSize }: InvitationListQuery, signal?: AbortSignal) =>
  api(wsPath(workspaceId, "/invitations"), { query: { q: q || undefined, page, pageSize }, schema: listOf(pendingInvitationSchema), signal });

export const inviteMembers = (workspaceId: string, body: InviteBody) =>
  api(wsPath(workspaceId, "/invitations"), { method: "POST", body, schema: inviteReportSchema });

/**
 * Multipart: `file`, then one `roles` and one `teams` field per value (repeated form
 * fields are how HTML forms send a multi-select).
 */
export function importInvitationsCsv(
  workspaceId: string,
  file: File,
  roles: readonly Role[],
  teams: readonly string[],
  dryRun = false,
  progressId?: string,
  columns?: CsvColumnMapping,
) {
  const form = new FormData();
  form.append("file", file, file.name);
  if (columns) form.append("columns", JSON.stringify(columns));
  for (const role of roles) form.append("roles", role);
  for (const team of teams) form.append("teams", team);
  // dryRun: the server checks every row (duplicates, members, pending invitees) and writes nothing.
  return api(wsPath(workspaceId, "/invitations/import"), { method: "POST", body: form, query: { dryRun: dryRun ? "true" : undefined, progressId }, schema: inviteReportSchema });
}

export const resendInvitation = (workspaceId: string, id: string) =>
  api<unknown>(wsPath(workspaceId, `/invitations/${encodeURIComponent(id)}/resend`), { method: "POST" });

export const cancelInvitation = (workspaceId: string, id: string) =>
  api<unknown>(wsPath(workspaceId, `/invitations/${encodeURIComponent(id)}`), { method: "DELETE" });

/** How far the upload carrying this `progressId` has got (404 until the server has read the file). */
export const readImportProgress = (workspaceId: string, progressId: string, signal?: AbortSignal) =>
  api(wsPath(workspaceId, `/invitations/import-progress/${encodeURIComponent(progressId)}`), { schema: importProgressSchema, signal });

/** Roles and teams of a pending invitation, changed before it is accepted; answers the updated row. */
export const updateInvitation = (workspaceId: string, id: string, patch: InvitationPatch) =>
  api(wsPath(workspaceId, `/invitations/${encodeURIComponent(id)}`), { method: "PATCH", body: patch, schema: pendingInvitationSchema });
