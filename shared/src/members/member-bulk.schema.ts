import { z } from "zod";
import { ErrorCode } from "../errors/error-codes.js";
import { objectIdSchema } from "./common.schema.js";
import { rolesSchema } from "./member.schema.js";

/** One request acts on at most a page of the members table (the largest page size). */
export const BULK_MEMBERS_MAX = 200;

const userIdsSchema = z
  .array(objectIdSchema)
  .min(1, "Pick at least one member")
  .max(BULK_MEMBERS_MAX, `At most ${BULK_MEMBERS_MAX} members at once`)
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

/**
 * A bulk action on selected members (issue 15). Each member is checked and written on their own,
 * exactly as the single-member routes would (DESIGN.md §5), so one refusal never blocks the others.
 */
export const memberBulkSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("addToTeam"), userIds: userIdsSchema, team: objectIdSchema }),
  z.strictObject({ action: z.literal("removeFromTeam"), userIds: userIdsSchema, team: objectIdSchema }),
  z.strictObject({ action: z.literal("changeRoles"), userIds: userIdsSchema, roles: rolesSchema }),
  z.strictObject({ action: z.literal("revoke"), userIds: userIdsSchema }),
]);
export type MemberBulk = z.infer<typeof memberBulkSchema>;
export type MemberBulkAction = MemberBulk["action"];

/** `unchanged`: already as asked (in the team, out of it, holding those roles); `refused`: §5 or a rule said no (`code`); `failed`: an unexpected error, nothing of it kept. */
export const memberBulkResultSchema = z.object({
  results: z.array(
    z.object({
      userId: objectIdSchema,
      status: z.enum(["done", "unchanged", "refused", "failed"]),
      code: z.enum(ErrorCode).optional(),
      message: z.string().optional(),
    }),
  ),
});
export type MemberBulkResult = z.infer<typeof memberBulkResultSchema>;
