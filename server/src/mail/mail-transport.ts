import { createHash } from "node:crypto";
import { Readable } from "node:stream";
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

/**
 * Hands one e-mail over to its destination. `commit` records the e-mail as sent; the transport
 * calls it immediately before the point of no return and gives up (nothing delivered) if it throws.
 */
export interface MailTransport {
  readonly kind: "smtp" | "outbox";
  deliver(mail: OutgoingMail, commit: () => Promise<void>): Promise<void>;
  close(): void;
}

/** Without SMTP the stored message is the delivery (DESIGN.md §2: admins read it in the console). */
export const outboxTransport = (): MailTransport => ({ kind: "outbox", deliver: (_mail, commit) => commit(), close: () => {} });

const SMTP_DEFAULTS = { pool: "true", maxConnections: "4", connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "30000" };

/** Same key, same Message-ID: a receiving system that deduplicates by Message-ID sees one e-mail. */
const messageIdFor = (dedupeKey: string) => `<${createHash("sha256").update(dedupeKey).digest("hex").slice(0, 32)}@switchboard.local>`;

/**
 * The message body held back before its end: SMTP commits a message only at the final "." of DATA
 * (RFC 5321 §4.1.1.4), which nodemailer writes when this stream ends. So `commit()` runs after the
 * whole body went out and before that ".", and a failing commit aborts the session instead.
 */
function commitGatedBody(raw: Buffer, commit: () => Promise<void>): Readable {
  let pushed = false;
  return new Readable({
    read() {
      if (pushed) return;
      pushed = true;
      this.push(raw);
      commit().then(
        () => this.push(null),
        (err: Error) => this.destroy(err),
      );
    },
  });
}

/**
 * SMTP via nodemailer, with the `sent` mark written at the commit point above. What remains
 * (SMTP cannot join our database in a transaction), for a crash of this process:
 * - before the mark: the server never saw the final ".", discards the message; we send it again;
 * - after the mark: recorded as sent and not sent again. If the process dies in the instant
 *   between the mark and writing "." to the socket, that one e-mail is lost (at most once).
 * Without a crash, a connection lost after "." but before the server's reply is also kept as
 * sent (the reply may have been lost after the server accepted); only an explicit refusal
 * (a 4xx/5xx reply) sends it again.
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
    async deliver(mail, commit) {
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
      await transport.sendMail({ envelope: { from: envelopeFrom, to: [mail.to] }, raw: commitGatedBody(raw, commit) });
    },
    close: () => transport.close(),
  };
}
