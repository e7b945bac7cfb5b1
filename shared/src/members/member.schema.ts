import { z } from "zod";
import { restrictionsSchema, roleSchema } from "../permissions/roles.js";
import { listOf, objectIdSchema, pagingQuerySchema } from "./common.schema.js";
import { userProfileSchema } from "./user.schema.js";

export const MembershipStatus = Object.freeze({ active: "active", revoked: "revoked" } as const);
export type MembershipStatus = (typeof MembershipStatus)[keyof typeof MembershipStatus];

export const rolesSchema = z.array(roleSchema).min(1, "Pick at least one role").transform((roles) => [...new Set(roles)]);
/** Seed 000: "Teams" is mandatory; the first team is the primary one. */
export const teamIdsSchema = z.array(objectIdSchema).min(1, "Pick at least one team").transform((ids) => [...new Set(ids)]);

/** The members table's orders: by name (A→Z), or most recently active first (never active last). */
export const MemberSort = Object.freeze({ name: "name", lastActive: "lastActive" } as const);
export type MemberSort = (typeof MemberSort)[keyof typeof MemberSort];

const memberFilterShape = {
  q: z.string().trim().max(100).optional(),
  team: objectIdSchema.optional(),
  role: roleSchema.optional(),
  sort: z.enum(MemberSort).default(MemberSort.name),
};

export const memberListQuerySchema = pagingQuerySchema.extend({
  ...memberFilterShape,
  status: z.enum(MembershipStatus).default("active"),
});
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

/**
 * The export takes the table's filters and order (issue 15: the export follows the active filters);
 * without `status` it holds active and revoked members alike, as it always has.
 */
export const memberExportQuerySchema = z.strictObject({ ...memberFilterShape, status: z.enum(MembershipStatus).optional() });
export type MemberExportQuery = z.infer<typeof memberExportQuerySchema>;

export const memberSchema = z.object({
  userId: objectIdSchema,
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  username: z.string().nullable(),
  location: z.string().nullable(),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  roles: z.array(roleSchema),
  teams: z.array(objectIdSchema),
  restrictions: restrictionsSchema,
  status: z.enum(MembershipStatus),
  lastActiveAt: z.string().nullable(),
});
export type Member = z.infer<typeof memberSchema>;

const restriction = restrictionsSchema.shape;
/**
 * Only the restrictions named in the patch change. (`restrictionsSchema.partial()` would fill
 * every omitted field with its default and silently reset it.)
 */
export const restrictionsPatchSchema = z.strictObject({
  noWorkspaceSettings: restriction.noWorkspaceSettings.unwrap().optional(),
  noContactDeletion: restriction.noContactDeletion.unwrap().optional(),
  noDataExport: restriction.noDataExport.unwrap().optional(),
  noIntegrations: restriction.noIntegrations.unwrap().optional(),
  contactVisibility: restriction.contactVisibility.unwrap().optional(),
  hideWorkflows: restriction.hideWorkflows.unwrap().optional(),
  maskContactInfo: restriction.maskContactInfo.unwrap().optional(),
});

export const memberPatchSchema = z.strictObject({
  roles: rolesSchema.optional(),
  teams: teamIdsSchema.optional(),
  restrictions: restrictionsPatchSchema.optional(),
  profile: userProfileSchema.partial().optional(),
});
export type MemberPatch = z.infer<typeof memberPatchSchema>;

export const revokeBodySchema = z.strictObject({
  reassignContactsTo: objectIdSchema.nullable().default(null),
});

/**
 * A members-table row (DESIGN.md §12: userId, name, email, phone, roles, teams, lastActiveAt):
 * all of it lives on the membership, so a page costs one query and no user reads.
 * GET /members/:userId gives the whole member, profile included.
 */
export const memberRowSchema = memberSchema.omit({ firstName: true, lastName: true, username: true, location: true, skills: true, languages: true });
export type MemberRow = z.infer<typeof memberRowSchema>;

export const memberListSchema = listOf(memberRowSchema);
export type MemberList = z.infer<typeof memberListSchema>;

export const revokeResultSchema = z.object({ userId: objectIdSchema, contactsMoved: z.number().int() });
