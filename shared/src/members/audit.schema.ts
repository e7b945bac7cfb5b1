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
  invitationUpdated: "invitation.updated",
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

/** The audit filters (who, action, target, dates); the CSV export takes the same without paging. */
export const auditFilterSchema = z.strictObject({
  action: z.enum(Object.values(AuditAction) as [AuditAction, ...AuditAction[]], "Unknown audit action").optional(),
  actorId: objectIdSchema.optional(),
  targetType: z.string().trim().min(1).max(40).regex(/^[a-z_]+$/, "Lower-case target type").optional(),
  targetId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "A target id").optional(),
  /** Inclusive lower bound, an ISO date-time with its offset (the console sends the start of the chosen day in its time zone). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive upper bound, like `from`. */
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
export const auditQuerySchema = pagingQuerySchema.extend(auditFilterSchema.shape);

export const auditItemSchema = z.object({
  id: objectIdSchema,
  actor: z.object({ id: objectIdSchema, name: z.string() }).nullable(),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  before: z.unknown(),
  after: z.unknown(),
  /** What changed, in words, team ids as names (see describeAuditChange). */
  changes: z.array(z.string()),
  at: z.string(),
});
export type AuditItem = z.infer<typeof auditItemSchema>;

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;

export const outboxItemSchema = z.object({
  id: objectIdSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
  /** Where the e-mail is in the mail queue (pending → sending → sent, or failed after the last attempt). */
  status: z.enum(OUTBOX_STATUSES),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/**
 * Newest first, paged by a range key instead of a skip (issue 10, item 12): `before` is the id of
 * the last e-mail of the previous page; `q` finds e-mails by recipient (part of the address).
 */
export const outboxQuerySchema = z.strictObject({
  before: objectIdSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  q: z.string().trim().toLowerCase().max(254).optional(),
});
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

/** `nextBefore` is the `before` of the next (older) page, null on the last page. */
export const outboxPageSchema = z.object({ items: z.array(outboxItemSchema), nextBefore: objectIdSchema.nullable() });
export type OutboxPage = z.infer<typeof outboxPageSchema>;
