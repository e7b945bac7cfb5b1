import { acceptInvitationResultSchema, invitationPreviewSchema } from "@switchboard/shared";
import { api } from "../lib/api";

const tokenPath = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

/** Only what the page shows, so a field added later on the server cannot break the link. */
const previewSchema = invitationPreviewSchema.pick({ workspace: true, name: true, email: true, roles: true, status: true, expiresAt: true, existingUser: true }).extend({
  organization: invitationPreviewSchema.shape.organization.optional(),
});
export type InvitationPreview = ReturnType<typeof previewSchema.parse>;

export const fetchInvitationPreview = (token: string, signal?: AbortSignal) => api(tokenPath(token), { schema: previewSchema, signal });

export type AcceptBody = { firstName: string; lastName: string; password: string } | Record<string, never>;

const acceptResultSchema = acceptInvitationResultSchema.pick({ workspace: true, landing: true });

/** The server answers where the new member belongs: the console, or installing the dock (agents). */
export const acceptInvitation = (token: string, body: AcceptBody) =>
  api(`${tokenPath(token)}/accept`, { method: "POST", body, schema: acceptResultSchema });
