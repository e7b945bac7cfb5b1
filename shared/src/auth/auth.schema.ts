import { z } from "zod";
import { emailSchema, personNameSchema } from "../members/common.schema.js";
import { passwordSchema } from "../members/user.schema.js";
import { teamNameSchema } from "../members/team.schema.js";

export const setupBodySchema = z.strictObject({
  organization: z.string().trim().min(1).max(120),
  workspace: z.string().trim().min(1).max(120),
  team: teamNameSchema,
  admin: z.strictObject({
    firstName: personNameSchema,
    lastName: personNameSchema,
    email: emailSchema,
    password: passwordSchema,
  }),
});
export type SetupBody = z.infer<typeof setupBodySchema>;

export const loginBodySchema = z.strictObject({
  email: emailSchema,
  // Login checks whatever was typed; strength rules apply when a password is chosen.
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/**
 * The account an attempt is aimed at, normalized exactly as `emailSchema` does (trimmed,
 * lower-cased), so rate limits count " Ann@X.com" and "ann@x.com" as one account. Input
 * that is not an e-mail is keyed the same way; the route refuses it anyway.
 */
export function attemptedEmailOf(body: unknown): string {
  const raw = typeof body === "object" && body !== null ? (body as { email?: unknown }).email : undefined;
  const parsed = emailSchema.safeParse(raw);
  return parsed.success ? parsed.data : String(raw ?? "").trim().toLowerCase();
}

export const acceptInvitationBodySchema = z.union([
  z.strictObject({ firstName: personNameSchema, lastName: personNameSchema, password: passwordSchema }),
  z.strictObject({}),
]);
