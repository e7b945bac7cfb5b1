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
 * calls it at the point of no return (SMTP: together with the end of the message, see below) and
 * rejects with its error if it fails.
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
 * The message body with its end tied to the `sent` mark: SMTP commits a message only at the final
 * "." of DATA (RFC 5321 §4.1.1.4), which nodemailer writes when this stream ends. The mark is
 * issued and the stream ended in the same turn, once the whole body has gone out (see below).
 */
function commitGatedBody(raw: Buffer, markSent: () => void): Readable {
  let pushed = false;
  return new Readable({
    read() {
      if (pushed) return;
      pushed = true;
      this.push(raw);
      markSent();
      this.push(null);
    },
  });
}

/**
 * SMTP via nodemailer. SMTP cannot join our database in a transaction, and a killed process
 * cannot stop a write it already handed to the database (the database applies it anyway), so
 * whichever of the mark and the "." goes first, a crash between them is a lost or a doubled
 * e-mail. Both are therefore handed over together, once the body is out; what remains:
 * - a crash before both: the server never saw the ".", discards the message; it is sent again;
 * - a crash after both: sent once, recorded as sent;
 * - a crash in the few milliseconds between the two writes reaching their sockets: one e-mail
 *   lost (mark first) or sent twice (the "." first; both copies carry the same Message-ID, which
 *   many mailboxes collapse);
 * - without a crash: a refusal after the "." (a 4xx/5xx reply) puts the message back to pending;
 *   a connection lost after the "." without a reply is kept as sent (the server may have accepted).
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
      let marked: Promise<void> = Promise.resolve();
      const markSent = () => {
        marked = commit();
        marked.catch(() => {}); // awaited below, after SMTP's answer
      };
      const refusal = await transport.sendMail({ envelope: { from: envelopeFrom, to: [mail.to] }, raw: commitGatedBody(raw, markSent) }).then(
        () => null,
        (err: unknown) => err,
      );
      await marked; // a failed mark (or a lost claim) reaches the queue even when SMTP accepted
      if (refusal) throw refusal;
    },
    close: () => transport.close(),
  };
}
