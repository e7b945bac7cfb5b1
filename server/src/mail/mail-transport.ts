import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer/index.js";

export const MAIL_FROM = "Switchboard <no-reply@switchboard.local>";

export interface OutgoingMail {
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

/** Hands one e-mail over to its destination; resolves once the destination accepted it. */
export interface MailTransport {
  readonly kind: "smtp" | "outbox";
  deliver(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Without SMTP the stored message is the delivery (DESIGN.md §2: admins read it in the console). */
export const outboxTransport = (): MailTransport => ({ kind: "outbox", deliver: async () => {}, close: () => {} });

const SMTP_DEFAULTS = { pool: "true", maxConnections: "4", connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "30000" };

/** Same key, same Message-ID: a receiving system that deduplicates by Message-ID sees one e-mail. */
const messageIdFor = (dedupeKey: string) => `<${createHash("sha256").update(dedupeKey).digest("hex").slice(0, 32)}@switchboard.local>`;

/**
 * SMTP via nodemailer. The queue marks an e-mail sent when the server accepted it (its reply to
 * the final "." of DATA, RFC 5321 §4.1.1.4). SMTP cannot join our database in a transaction, and
 * a killed process cannot take back a write the database already has, so there is a window either
 * way: this order keeps it on the side of sending again, never of losing an e-mail. A crash (or a
 * lost reply) between the server's acceptance and the mark reaching the database sends that
 * e-mail again after the restart, with the same Message-ID (derived from its dedupe key), which
 * receiving systems use to recognise the same message. Marking before the "." was measured in
 * the crash test to lose the e-mails in flight instead (4 of 500 at one kill).
 */
export function smtpTransport(smtpUrl: string, from = MAIL_FROM): MailTransport {
  // Pooled connections; timeouts well under the queue's claim lease (mail-queue.ts), so an attempt
  // ends before another worker may take the message over. Settings in the URL take precedence.
  const url = new URL(smtpUrl);
  for (const [key, value] of Object.entries(SMTP_DEFAULTS)) if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  const transport = nodemailer.createTransport(url.toString());
  const envelopeFrom = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return {
    kind: "smtp",
    async deliver(mail) {
      const raw = await new MailComposer({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: messageIdFor(mail.dedupeKey),
      })
        .compile()
        .build();
      await transport.sendMail({ envelope: { from: envelopeFrom, to: [mail.to] }, raw });
    },
    close: () => transport.close(),
  };
}
