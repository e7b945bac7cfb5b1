import type { Role } from "@switchboard/shared";
import type { MailMessage } from "./mailer.js";

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The registration e-mail (seed 000: "The invited user will receive an email…"). */
export function invitationEmail(input: {
  to: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  inviterName: string;
  roles: readonly Role[];
  link: string;
  expiresAt: Date;
}): MailMessage {
  const expires = input.expiresAt.toUTCString();
  const text = [
    `Hello ${input.name},`,
    "",
    `${input.inviterName} invited you to join ${input.workspaceName} on Switchboard as ${input.roles.join(", ")}.`,
    "",
    "Open this link to register:",
    input.link,
    "",
    `The link works once and expires on ${expires}.`,
  ].join("\n");
  const html =
    `<p>Hello ${escapeHtml(input.name)},</p>` +
    `<p>${escapeHtml(input.inviterName)} invited you to join <b>${escapeHtml(input.workspaceName)}</b> on Switchboard as ${escapeHtml(input.roles.join(", "))}.</p>` +
    `<p><a href="${escapeHtml(input.link)}">Register</a></p>` +
    `<p>The link works once and expires on ${escapeHtml(expires)}.</p>`;
  return { to: input.to, subject: `You're invited to ${input.workspaceName} on Switchboard`, text, html, workspaceId: input.workspaceId };
}
