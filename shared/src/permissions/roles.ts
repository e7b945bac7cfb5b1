import { z } from "zod";

export const Role = Object.freeze({
  admin: "admin",
  manager: "manager",
  supervisor: "supervisor",
  viewer: "viewer",
  agent: "agent",
} as const);
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.freeze(Object.values(Role)) as readonly Role[];
export const roleSchema = z.enum(ROLES as [Role, ...Role[]]);

/** Manager restrictions (seed 003): each one takes away a ⭕ cell of the matrix. */
export const managerRestrictionsSchema = z.strictObject({
  noWorkspaceSettings: z.boolean().default(false),
  noContactDeletion: z.boolean().default(false),
  noDataExport: z.boolean().default(false),
  noIntegrations: z.boolean().default(false),
});

export const ContactVisibility = Object.freeze({
  all: "all",
  teamAndSelf: "teamAndSelf",
  selfOnly: "selfOnly",
} as const);
export type ContactVisibility = (typeof ContactVisibility)[keyof typeof ContactVisibility];

export const agentRestrictionsSchema = z.strictObject({
  contactVisibility: z.enum(ContactVisibility).default("all"),
  hideWorkflows: z.boolean().default(false),
  maskContactInfo: z.boolean().default(false),
});

export const restrictionsSchema = z.strictObject({
  ...managerRestrictionsSchema.shape,
  ...agentRestrictionsSchema.shape,
});
export type Restrictions = z.infer<typeof restrictionsSchema>;
export const NO_RESTRICTIONS: Restrictions = Object.freeze(restrictionsSchema.parse({}));
