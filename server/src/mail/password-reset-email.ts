import type { MailMessage } from "./mailer.js";
import { escapeHtml } from "./invitation-email.js";

/** The forgot-password e-mail: a single-use link that expires. */
export function passwordResetEmail(input: { to: string; name: string; link: string; expiresAt: Date }): MailMessage {
  const expires = input.expiresAt.toUTCString();
  const text = [
    `Hello ${input.name},`,
    "",
    "Someone asked to reset the password of your Switchboard account. Open this link to choose a new one:",
    input.link,
    "",
    `The link works once and expires on ${expires}. If you did not ask for it, ignore this e-mail: your password stays as it is.`,
  ].join("\n");
  const html =
    `<p>Hello ${escapeHtml(input.name)},</p>` +
    "<p>Someone asked to reset the password of your Switchboard account.</p>" +
    `<p><a href="${escapeHtml(input.link)}">Choose a new password</a></p>` +
    `<p>The link works once and expires on ${escapeHtml(expires)}. If you did not ask for it, ignore this e-mail: your password stays as it is.</p>`;
  // No workspaceId: a reset link is a key to the account, never shown in any workspace's outbox.
  return { to: input.to, subject: "Reset your Switchboard password", text, html };
}
