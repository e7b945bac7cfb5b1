import { randomBytes } from "node:crypto";
import { trusted, Types } from "mongoose";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import { isOnlyDuplicateKeyErrors } from "../db/duplicate-key.js";
import { byIdWhere, sharedAcrossNodes } from "../db/engine.js";
import type { MailTransport } from "./mail-transport.js";
import { OutboxMessageModel, type OutboxMessageDoc } from "./outbox.model.js";

/** A queued message as stored; delivering one in hand saves reading it again. */
export type QueuedMail = OutboxMessageDoc & { _id: Types.ObjectId };

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Lets admins find the message in their workspace's outbox. */
  workspaceId?: string;
  /** One e-mail per key, however often it is queued (a retried request, a start-up sweep). */
  dedupeKey?: string;
  invitationId?: string;
}

export interface MailQueueOptions {
  clock: Clock;
  logger?: Logger;
  /** How long a claim keeps other workers off a message; longer than one SMTP attempt can take. */
  leaseMs?: number;
  /** Messages handed to the transport at once, per process. */
  concurrency?: number;
  maxAttempts?: number;
  /** How often to look for messages left by a stopped process or another node. */
  sweepMs?: number;
}

/** Waits after the 1st, 2nd, … failed attempt; the last value repeats. */
const BACKOFF_MS = [30_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

/**
 * The durable mail queue (issue 10, item 6): messages are documents (outbox.model.ts), so what was
 * queued survives a crash and goes out after the restart. Each attempt claims the message
 * (pending → sending; on MongoDB, see claimAndSend), hands it to the transport and marks it sent
 * (attempts + 1) as soon as the server accepted it (mail-transport.ts); a failure puts it back to
 * pending with a backoff, or failed after `maxAttempts`.
 */
export class MailQueue {
  private readonly inFlight = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;

  constructor(
    /** Replaceable, so a test can take SMTP away and bring it back. */
    public transport: MailTransport,
    private readonly options: MailQueueOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.concurrency = options.concurrency ?? 4;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  get kind() {
    return this.transport.kind;
  }

  /** Stores each message once per `dedupeKey`; returns the messages stored by this call. */
  async enqueue(messages: MailMessage[]): Promise<QueuedMail[]> {
    if (messages.length === 0) return [];
    const now = this.options.clock.now();
    const docs: QueuedMail[] = messages.map((m) => ({
      _id: new Types.ObjectId(),
      workspaceId: m.workspaceId ? new Types.ObjectId(m.workspaceId) : null,
      dedupeKey: m.dedupeKey ?? `message:${randomBytes(12).toString("hex")}`,
      invitationId: m.invitationId ? new Types.ObjectId(m.invitationId) : null,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html ?? null,
      createdAt: now,
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      claimToken: null,
      claimUntil: null,
      sentAt: null,
      lastError: null,
    }));
    try {
      await OutboxMessageModel.insertMany(docs, { ordered: false });
      return docs;
    } catch (err) {
      // Duplicate keys: those e-mails were queued before (and are delivered from that entry).
      const inserted = (err as { insertedDocs?: { _id: unknown }[] }).insertedDocs;
      if (!inserted || !isOnlyDuplicateKeyErrors(err)) throw err;
      const ids = new Set(inserted.map((d) => String(d._id)));
      return docs.filter((d) => ids.has(String(d._id)));
    }
  }

  /** Queues one message and tries it at once; a failed attempt stays queued for a retry (it does not throw). */
  async send(message: MailMessage): Promise<void> {
    await this.deliver(await this.enqueue([message]));
  }

  /** One attempt for each of these messages now (those due), at most `concurrency` at a time; by id, or as just queued. */
  async deliver(mails: (string | QueuedMail)[]): Promise<void> {
    await Promise.all(mails.map((mail) => this.limited(() => this.attempt(mail))));
  }

  /**
   * Delivers what is due and schedules the rest: pending messages, and messages left "sending"
   * by a process that stopped (their claim runs out after `leaseMs`). A collection scan on
   * FerretDB, so it runs at start and every `sweepMs`, not per message.
   */
  async deliverDue(): Promise<number> {
    const open = await OutboxMessageModel.find({ status: trusted({ $in: ["pending", "sending"] }) }, { status: 1, nextAttemptAt: 1, claimUntil: 1 }).lean();
    const now = this.options.clock.now().getTime();
    const due: string[] = [];
    for (const m of open) {
      const at = m.status === "sending" ? (m.claimUntil?.getTime() ?? 0) : m.nextAttemptAt.getTime();
      if (at <= now) due.push(String(m._id));
      else this.retryAt(String(m._id), at);
    }
    await this.deliver(due);
    return due.length;
  }

  start(): void {
    this.stopped = false;
    const sweep = () => void this.deliverDue().catch((err) => this.options.logger?.warn({ err }, "mail queue sweep failed"));
    sweep();
    this.sweepTimer = setInterval(sweep, this.options.sweepMs ?? 5 * 60_000);
    this.sweepTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.transport.close();
  }

  private async limited(run: () => Promise<void>): Promise<void> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      await run();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private retryAt(id: string, at: number) {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver([id]);
    }, Math.max(0, at - this.options.clock.now().getTime()));
    timer.unref();
    this.timers.add(timer);
  }

  private async attempt(mailOrId: string | QueuedMail): Promise<void> {
    const id = typeof mailOrId === "string" ? mailOrId : String(mailOrId._id);
    // One attempt per message at a time in this process; between nodes the claim decides.
    if (this.inFlight.has(id)) return;
    this.inFlight.add(id);
    try {
      const mail = typeof mailOrId === "string" ? await OutboxMessageModel.findById(id).lean() : mailOrId;
      if (mail) await this.claimAndSend(mail);
    } catch (err) {
      this.options.logger?.warn({ err, mailId: id }, "mail attempt failed");
    } finally {
      this.inFlight.delete(id);
    }
  }

  private async claimAndSend(mail: QueuedMail): Promise<void> {
    const id = String(mail._id);
    const now = this.options.clock.now();
    const free = mail.status === "pending" ? mail.nextAttemptAt <= now : mail.status === "sending" && (mail.claimUntil ?? now) <= now;
    if (!free) return;
    const attempts = mail.attempts + 1;
    // Between nodes (MongoDB) the claim is a conditional write. On the embedded database only one
    // node may run and `inFlight` already keeps one attempt per message, so the claim would be a
    // second write per e-mail for nothing; there a message stays pending until the commit point.
    const claimToken = sharedAcrossNodes() ? randomBytes(12).toString("hex") : null;
    if (claimToken) {
      const claimed = await OutboxMessageModel.updateOne(byIdWhere(mail._id, { status: mail.status, attempts: mail.attempts }), {
        $set: { status: "sending", claimToken, claimUntil: new Date(now.getTime() + this.leaseMs) },
        $inc: { attempts: 1 },
      });
      if (claimed.modifiedCount !== 1) return;
    }

    try {
      await this.transport.deliver(mail);
    } catch (err) {
      const failed = attempts >= this.maxAttempts;
      const nextAttemptAt = new Date(this.options.clock.now().getTime() + BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!);
      await OutboxMessageModel.updateOne(byIdWhere(mail._id, claimToken ? { claimToken } : { status: mail.status }), {
        $set: { status: failed ? "failed" : "pending", attempts, nextAttemptAt, claimToken: null, claimUntil: null, lastError: String((err as Error).message ?? err).slice(0, 500) },
      });
      this.options.logger?.warn({ err, mailId: id, attempts, failed }, "mail not delivered");
      if (!failed) this.retryAt(id, nextAttemptAt.getTime());
      return;
    }
    // Accepted: record it at once (a crash before this write sends it again, see mail-transport.ts).
    const mark = () =>
      OutboxMessageModel.updateOne(byIdWhere(mail._id, claimToken ? { claimToken } : { status: mail.status }), {
        $set: { status: "sent", sentAt: this.options.clock.now(), attempts, claimToken: null, claimUntil: null, lastError: null },
      });
    const marked = await mark().catch(() => mark());
    if (marked.modifiedCount !== 1) this.options.logger?.error({ mailId: id }, "an e-mail was delivered after its claim ran out; another worker may send it too");
  }

}

