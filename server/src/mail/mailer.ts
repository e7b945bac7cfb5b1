import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import { MailQueue } from "./mail-queue.js";
import { outboxTransport, smtpTransport } from "./mail-transport.js";

export type { MailMessage } from "./mail-queue.js";
export { MAIL_FROM } from "./mail-transport.js";
export type Mailer = MailQueue;

/**
 * Every e-mail goes through the durable queue; it is delivered over SMTP when `smtpUrl` is set
 * (DESIGN.md §2), otherwise it stays in the outbox that admins read in the console.
 */
export function createMailer(options: { smtpUrl?: string; clock: Clock; logger?: Logger; from?: string; leaseMs?: number }): Mailer {
  const transport = options.smtpUrl ? smtpTransport(options.smtpUrl, options.from) : outboxTransport();
  return new MailQueue(transport, { clock: options.clock, ...(options.logger ? { logger: options.logger } : {}), ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}) });
}
