import { z } from "zod";
import { emailSchema } from "../members/common.schema.js";
import { passwordSchema } from "../members/user.schema.js";

/** POST /api/auth/password: the owner changes their own password (DESIGN.md §5, §12). */
export const changePasswordBodySchema = z.strictObject({
  // Checked against the stored hash, whatever it is; strength rules apply to the new one only.
  currentPassword: z.string().min(1, "Required").max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

/** POST /api/auth/password-reset: ask for a reset link by e-mail. */
export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

/** POST /api/auth/password-reset/:token: set a new password with the e-mailed link. */
export const passwordResetBodySchema = z.strictObject({ newPassword: passwordSchema });
export type PasswordResetBody = z.infer<typeof passwordResetBodySchema>;

/** The `:token` of a reset link: 256 random bits, base64url (as sessions and invitations). */
export const passwordResetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Malformed reset link");

/** How long an e-mailed reset link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;
