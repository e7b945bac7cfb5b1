import { z } from "zod";
import { objectIdSchema, pagingQuerySchema } from "./common.schema.js";

/**
 * Every stable audit action name, in one place: the server records only these, the console labels
 * them, integrators filter on them.
 */
export const AuditAction = Object.freeze({
  invitationCreated: "invitation.created",
  invitationResent: "invitation.resent",
  invitationCancelled: "invitation.cancelled",
  invitationAccepted: "invitation.accepted",
  memberRolesChanged: "member.roles_changed",
  memberTeamsChanged: "member.teams_changed",
  memberRestrictionsChanged: "member.restrictions_changed",
  memberProfileChanged: "member.profile_changed",
  memberRevoked: "member.revoked",
  memberSettingsChanged: "member.settings_changed",
  workspaceSettingsChanged: "workspace.settings_changed",
  teamCreated: "team.created",
  teamChanged: "team.changed",
  teamDeleted: "team.deleted",
  integrationConnected: "integration.connected",
  channelConnected: "channel.connected",
  contactDeleted: "contact.deleted",
  presenceSet: "presence.set",
  queueCreated: "queue.created",
  queueUpdated: "queue.updated",
  queueDeleted: "queue.deleted",
} as const);
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export const auditQuerySchema = pagingQuerySchema.extend({
  action: z.string().trim().min(1).max(60).regex(/^[a-z_.]+$/, "Lower-case action name").optional(),
});

export const auditItemSchema = z.object({
  id: objectIdSchema,
  actor: z.object({ id: objectIdSchema, name: z.string() }).nullable(),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  before: z.unknown(),
  after: z.unknown(),
  at: z.string(),
});
export type AuditItem = z.infer<typeof auditItemSchema>;

export const outboxItemSchema = z.object({
  id: objectIdSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;
export const outboxQuerySchema = pagingQuerySchema;
