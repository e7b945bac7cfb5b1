import { PASSWORD_RESET_TTL_MS, type ChangePasswordBody } from "@switchboard/shared";
import { trusted, type Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { AppError } from "../http/app-error.js";
import { passwordResetEmail } from "../mail/password-reset-email.js";
import { UserModel } from "../users/user.model.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { PasswordResetModel } from "./password-reset.model.js";
import { destroyUserSessions } from "./sessions.service.js";
import { SessionModel } from "./session.model.js";
import { hashToken, newOpaqueToken } from "./tokens.js";

const wrongCurrentPassword = () =>
  // A field error, not UNAUTHENTICATED: the session is fine, and a 401 would sign the console out.
  new AppError("VALIDATION_FAILED", "currentPassword: This is not your current password.", {
    issues: [{ path: "currentPassword", message: "This is not your current password." }],
  });

/**
 * The owner changes their password (DESIGN.md §5). Every other session ends — whoever else
 * holds one (a lost laptop, a stolen cookie) is out, with their sockets; this one stays.
 * Reset links still pending would bypass the new password, so they go too.
 */
export async function changePassword(deps: AppDeps, auth: { userId: string; tokenHash: string }, body: ChangePasswordBody): Promise<void> {
  const user = await UserModel.findById(auth.userId, { passwordHash: 1 }).lean();
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) throw wrongCurrentPassword();
  const passwordHash = await hashPassword(body.newPassword);
  await UserModel.updateOne({ _id: user._id }, { $set: { passwordHash } });
  await SessionModel.deleteMany({ userId: user._id, _id: trusted({ $ne: auth.tokenHash }) });
  await PasswordResetModel.deleteMany({ userId: user._id });
  deps.events.emit("sessions.revoked", { userId: auth.userId, reason: "password_changed", keepTokenHash: auth.tokenHash });
}

/**
 * Forgot password: e-mails a single-use link to the account with this e-mail, if there is one.
 * The caller answers the same either way before this runs, so neither the answer nor its
 * timing tells whether an account exists.
 */
export async function requestPasswordReset(deps: AppDeps, email: string): Promise<void> {
  const user = await UserModel.findOne({ emailLower: email }, { email: 1, firstName: 1 }).lean();
  if (!user) return;
  const token = newOpaqueToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
  await PasswordResetModel.create({ _id: hashToken(token), userId: user._id, createdAt: now, expiresAt });
  const link = `${deps.config.publicUrl}/reset-password/${token}`;
  await deps.mailer.send(passwordResetEmail({ to: user.email, name: user.firstName, link, expiresAt }));
}

const invalidLink = () => new AppError("RESET_LINK_INVALID", "This reset link has expired or was already used. Ask for a new one.");

/**
 * Sets a new password with an e-mailed link. The link is consumed (deleted) before the password
 * changes, and only the request whose delete removed it goes on, so a link works once even when
 * used twice at the same moment. Every session of the user ends: whoever reset the password
 * signs in afresh, and anyone who was signed in before is out.
 */
export async function resetPassword(deps: AppDeps, token: string, newPassword: string): Promise<void> {
  const tokenHash = hashToken(token);
  const reset = await PasswordResetModel.findById(tokenHash).lean();
  if (!reset) throw invalidLink();
  if (reset.expiresAt <= deps.clock.now()) {
    await PasswordResetModel.deleteOne({ _id: tokenHash });
    throw invalidLink();
  }
  // Hashed before the link is consumed: a failure here leaves the link usable.
  const passwordHash = await hashPassword(newPassword);
  const { deletedCount } = await PasswordResetModel.deleteOne({ _id: tokenHash });
  if (deletedCount !== 1) throw invalidLink();
  const userId: Types.ObjectId = reset.userId;
  await UserModel.updateOne({ _id: userId }, { $set: { passwordHash } });
  await destroyUserSessions(userId);
  await PasswordResetModel.deleteMany({ userId });
  deps.events.emit("sessions.revoked", { userId: String(userId), reason: "password_changed" });
}
