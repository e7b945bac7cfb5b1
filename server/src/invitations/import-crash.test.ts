import { randomBytes } from "node:crypto";
import mongoose, { trusted } from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { httpClient } from "../../test/http-client.js";
import { killProcessGroup, startNode, type Child } from "../../test/processes.js";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp-capture.js";
import { setUpWorkspace } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { connectDatabase } from "../db/connect.js";
import "../db/models.js";
import { OutboxMessageModel } from "../mail/outbox.model.js";
import { InvitationBatchModel } from "./invitation-batch.model.js";
import { InvitationModel } from "./invitation.model.js";

const ROWS = Number(process.env.CRASH_ROWS ?? 2_000);
/** Dying while e-mails go out needs fewer rows to prove the point, and each e-mail costs database writes. */
const ROWS_LATE = Math.min(ROWS, 500);
let smtp: SmtpCapture;
let env: Record<string, string>;
let node: Child | undefined;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;

beforeAll(async () => {
  const dbName = `t_${randomBytes(6).toString("hex")}`;
  await connectDatabase(inject("mongoUri"), dbName);
  smtp = await startSmtpCapture();
  env = { MONGODB_URI: inject("mongoUri"), DB_NAME: dbName, SMTP_URL: smtp.url, INVITE_LINK_KEY: randomBytes(32).toString("base64") };
  node = await startNode(env, { ownProcessGroup: true });
  ws = await setUpWorkspace(httpClient(node.url));
}, 120_000);

afterAll(async () => {
  await node?.stop();
  await smtp.close();
  await mongoose.connection.dropDatabase().catch(() => {});
  await mongoose.disconnect();
});

/** Polls gently: each check scans collections on FerretDB, competing with the server under test. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 500) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function importCsv(url: string, tag: string, count: number): Promise<unknown> {
  const rows = Array.from({ length: count }, (_, i) => `Person ${tag} ${i},${tag}-${i}@example.com`);
  const form = new FormData();
  form.append("roles", '["agent"]');
  form.append("teams", JSON.stringify([ws.teamId]));
  form.append("file", new Blob([["name,email", ...rows].join("\n")], { type: "text/csv" }), "people.csv");
  // The server dies under this request: its failure is the point.
  return fetch(`${url}/api/workspaces/${ws.workspaceId}/invitations/import`, { method: "POST", headers: { authorization: `Bearer ${ws.token}` }, body: form }).catch(() => null);
}

/** Per invitation: its audit events, and the e-mails (distinct Message-IDs) and deliveries the SMTP server received for it. */
async function tally(tag: string) {
  const invitations = await InvitationModel.find({ emailLower: new RegExp(`^${tag}-`) }, { emailLower: 1 }).lean();
  const audits = await AuditEventModel.find({ action: "invitation.created", "target.label": new RegExp(`^${tag}-`) }, { "target.id": 1 }).lean();
  const auditsPer = new Map<string, number>();
  for (const a of audits) auditsPer.set(a.target!.id!, (auditsPer.get(a.target!.id!) ?? 0) + 1);
  const mailsPer = new Map<string, Set<string>>();
  let deliveries = 0;
  for (const m of smtp.messages) {
    const to = m.to[0]!;
    if (!to.startsWith(`${tag}-`)) continue;
    deliveries++;
    mailsPer.set(to, (mailsPer.get(to) ?? new Set()).add(/^Message-ID: (<[^>]+>)/m.exec(m.raw)![1]!));
  }
  return { invitations, auditsPer, mailsPer, deliveries };
}

describe("a crash during a CSV import (issue 10, item 6)", () => {
  // Two moments to die: while the rows are being stored, and while their e-mails go out.
  it.each([
    { tag: "early", rows: ROWS, killWhen: "the first invitations are stored", ready: async () => (await InvitationModel.countDocuments({ emailLower: /^early-/ })) > 0 },
    { tag: "late", rows: ROWS_LATE, killWhen: "100 e-mails were delivered", ready: async () => smtp.messages.filter((m) => m.to[0]!.startsWith("late-")).length >= 100 },
  ])(
    "reliability: SIGKILL of the server's process group when $killWhen, then a restart: every invitation has one audit event and exactly one e-mail",
    async ({ tag, rows, ready }) => {
      const request = importCsv(node!.url, tag, rows);
      await until("the moment to kill", ready, 120_000);
      await killProcessGroup(node!);
      await request;
      const atKill = await tally(tag);
      node = await startNode(env, { ownProcessGroup: true });

      await until(
        "every invitation is e-mailed",
        async () => {
          const open = await OutboxMessageModel.countDocuments({ status: trusted({ $in: ["pending", "sending"] }) });
          if (process.env.CRASH_LOG) console.log(new Date().toISOString(), "open", open, "received", smtp.messages.length);
          return open === 0 && (await InvitationBatchModel.countDocuments()) === 0;
        },
        600_000,
        3_000,
      );
      const { invitations, auditsPer, mailsPer, deliveries } = await tally(tag);
      console.log(
        `crash (${tag}): at the kill ${atKill.invitations.length} invitations, ${atKill.auditsPer.size} audited, ${atKill.mailsPer.size} e-mailed; ` +
          `after the restart ${invitations.length} invitations, ${auditsPer.size} audited, ${mailsPer.size} e-mailed, ${deliveries - mailsPer.size} delivered twice`,
      );
      expect(invitations.length).toBeGreaterThan(0);
      expect(invitations.length).toBeLessThanOrEqual(rows);
      expect(invitations.every((inv) => auditsPer.get(String(inv._id)) === 1)).toBe(true);
      // One e-mail each: one Message-ID, the identity of an e-mail (RFC 5322 §3.6.4).
      expect(invitations.every((inv) => mailsPer.get(inv.emailLower)?.size === 1)).toBe(true);
      // Sent again only what was in flight at the kill (accepted by SMTP, not yet marked): at most
      // the queue's concurrency. A restart that resent what was marked sent would exceed it.
      expect(deliveries - mailsPer.size).toBeLessThanOrEqual(4);
      // Nothing e-mailed or audited for an invitation that does not exist.
      expect(mailsPer.size).toBe(invitations.length);
      expect(auditsPer.size).toBe(invitations.length);
    },
    900_000,
  );
});
