import { z } from "zod";
import { roleSchema } from "../permissions/roles.js";
import { emailSchema, objectIdSchema, personNameSchema, phoneSchema } from "./common.schema.js";
import { rolesSchema, teamIdsSchema } from "./member.schema.js";

export const INVITATION_TTL_DAYS = 7;
export const CSV_IMPORT_LIMITS = Object.freeze({ maxRows: 10_000, maxBytes: 5 * 1024 * 1024 });

export const inviteeSchema = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  phone: phoneSchema.optional(),
});
export type Invitee = z.infer<typeof inviteeSchema>;

export const inviteBodySchema = z.strictObject({
  invitees: z.array(inviteeSchema).min(1).max(100),
  roles: rolesSchema,
  teams: teamIdsSchema,
});
export type InviteBody = z.infer<typeof inviteBodySchema>;

export const InviteResultStatus = Object.freeze({
  invited: "invited",
  alreadyMember: "already_member",
  alreadyInvited: "already_invited",
  invalid: "invalid",
} as const);
export type InviteResultStatus = (typeof InviteResultStatus)[keyof typeof InviteResultStatus];

export const inviteResultSchema = z.object({
  row: z.number().int().optional(),
  email: z.string(),
  status: z.enum(["invited", "already_member", "already_invited", "invalid"]),
  reason: z.string().optional(),
  invitationId: objectIdSchema.optional(),
});
export type InviteResult = z.infer<typeof inviteResultSchema>;
export const inviteReportSchema = z.object({ results: z.array(inviteResultSchema) });

export const InvitationStatus = Object.freeze({
  pending: "pending",
  accepted: "accepted",
  cancelled: "cancelled",
  expired: "expired",
} as const);
export type InvitationStatus = (typeof InvitationStatus)[keyof typeof InvitationStatus];

export const invitationSchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  roles: z.array(roleSchema),
  teams: z.array(objectIdSchema),
  link: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(["pending", "accepted", "cancelled", "expired"]),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** Tokens are 256-bit random values, base64url: 43 characters. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Malformed invitation token");
