import nodemailer from "nodemailer";
import type { Clock } from "../clock.js";
import { OutboxMessageModel } from "./outbox.model.js";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Lets admins find the message in their workspace's outbox. */
  workspaceId?: string;
}

export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(message: MailMessage): Promise<void>;
}

export const MAIL_FROM = "Switchboard <no-reply@switchboard.local>";

/** SMTP when `smtpUrl` is set (DESIGN.md §2); otherwise an outbox in the database that admins read in the console. */
export function createMailer(options: { smtpUrl?: string; clock: Clock; from?: string }): Mailer {
  const from = options.from ?? MAIL_FROM;
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      kind: "smtp",
      async send({ to, subject, text, html }) {
        await transport.sendMail({ from, to, subject, text, ...(html ? { html } : {}) });
      },
    };
  }
  return {
    kind: "outbox",
    async send({ to, subject, text, html, workspaceId }) {
      await OutboxMessageModel.create({ workspaceId: workspaceId ?? null, to, subject, text, html: html ?? null, createdAt: options.clock.now() });
    },
  };
}
