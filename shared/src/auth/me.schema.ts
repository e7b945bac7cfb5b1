import { z } from "zod";
import { objectIdSchema } from "../members/common.schema.js";
import { publicUserSchema } from "../members/user.schema.js";
import { PERMISSIONS, type Permission } from "../permissions/matrix.js";
import { restrictionsSchema, roleSchema } from "../permissions/roles.js";

export const reachSchema = z.union([z.enum(["all", "ownTeams"]), z.literal(false)]);

/** One workspace the user belongs to, as GET /api/me describes it. */
export const meMembershipSchema = z.object({
  workspaceId: objectIdSchema,
  workspaceName: z.string(),
  /** The dock's away menu: agents may not read the workspace settings, so it comes with the membership. */
  awayReasons: z.array(z.string()),
  roles: z.array(roleSchema),
  teams: z.array(objectIdSchema),
  restrictions: restrictionsSchema,
  /** How far each permission reaches in this workspace; the UIs only hide things with it, the server decides. */
  permissions: z.partialRecord(z.enum(PERMISSIONS as [Permission, ...Permission[]]), reachSchema),
});
export type MeMembership = z.infer<typeof meMembershipSchema>;

/** GET /api/me: read by the console (who am I, where) and by the dock at sign-in (which workspace it serves). */
export const meResponseSchema = z.object({ user: publicUserSchema, memberships: z.array(meMembershipSchema) });
export type MeResponse = z.infer<typeof meResponseSchema>;

/** POST /api/auth/login: the bearer token (the dock keeps it; the console uses the cookie set alongside). */
export const loginResponseSchema = z.object({ token: z.string(), user: publicUserSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;
