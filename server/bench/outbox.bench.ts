/**
 * Outbox at 11,000 e-mails (issue 10, item 12: paging quickly through them made the whole server
 * unresponsive for minutes, `/api/health` over 10 s). Seeds one workspace's outbox, then fires
 * 20 outbox page reads at once while timing `/api/health` every 100 ms, twice in the same run:
 * - before: the skip-based read the route used to do (find + sort + skip + limit, and a count),
 *   called in this process, which also runs the server — the same event loop and connection pool;
 * - after: GET /outbox over HTTP with a `before` cursor, through the heavy-read limiter.
 * Then single requests: first page, a deep page by cursor, a recipient search.
 *
 * Engine: MONGODB_URI when set, else a fresh embedded FerretDB (v1.24.2, SQLite handler), which
 * pushes down only an exact `{ _id }` filter: every outbox read, cursor or not, scans the collection.
 * Run: npm run bench, or npx tsx server/bench/outbox.bench.ts (BENCH_MAILS, BENCH_CONCURRENT).
 */
import { Types } from "mongoose";
import { pino } from "pino";
import { createSession } from "../src/auth/sessions.service.js";
import { systemClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { MembershipModel, OrganizationModel, OutboxMessageModel, TeamModel, UserModel, WorkspaceModel } from "../src/db/models.js";
import { DomainEvents } from "../src/events/domain-events.js";
import { createMailer } from "../src/mail/mailer.js";
import { startServer } from "../src/server.js";
import { withBenchDatabase, engineLabel } from "./bench-database.js";
import { machineLine, writeBenchSection } from "./bench-report.js";

const MAILS = Number(process.env.BENCH_MAILS ?? 11_000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 20);
const PAGE_SIZE = 25;

async function seed() {
  const organization = await OrganizationModel.create({ name: "Bench" });
  const workspace = await WorkspaceModel.create({ organizationId: organization._id, name: "Bench" });
  const team = await TeamModel.create({ workspaceId: workspace._id, name: "Team", nameLower: "team" });
  const admin = await UserModel.create({ organizationId: organization._id, email: "admin@example.com", emailLower: "admin@example.com", firstName: "Ada", lastName: "Admin", passwordHash: "!bench" });
  await MembershipModel.create({ workspaceId: workspace._id, userId: admin._id, roles: ["admin"], teams: [team._id], name: "Ada Admin", nameLower: "ada admin", emailLower: "admin@example.com" });
  // Bodies the size of a real invitation e-mail.
  const text = `Hello Someone,\n\nAda Admin invited you to join Bench on Switchboard as agent.\n\nOpen this link to register:\nhttp://localhost:3000/register/${"x".repeat(43)}\n\nThe link works once and expires on Sun, 06 Dec 2026 12:00:00 GMT.`;
  const html = `<p>${text.replace(/\n/g, "</p><p>")}</p>`;
  const start = Date.now() - MAILS * 1_000;
  for (let from = 0; from < MAILS; from += 1_000) {
    const docs = [];
    for (let i = from; i < Math.min(from + 1_000, MAILS); i++) {
      const at = new Date(start + i * 1_000);
      docs.push({
        _id: Types.ObjectId.createFromTime(Math.floor(at.getTime() / 1000)),
        workspaceId: workspace._id,
        dedupeKey: `bench:${i}`,
        to: `person${i}@example.com`,
        subject: "You're invited to Bench on Switchboard",
        text,
        html,
        createdAt: at,
        status: "sent",
        attempts: 1,
        nextAttemptAt: at,
        sentAt: at,
      });
    }
    await OutboxMessageModel.insertMany(docs, { ordered: false });
  }
  return { workspaceId: String(workspace._id), adminId: admin._id };
}

/** The route before issue 10 item 12: skip paging plus a count, per page. */
async function skipBasedRead(workspaceId: string, page: number) {
  const filter = { workspaceId };
  const [docs, total] = await Promise.all([
    OutboxMessageModel.find(filter).sort({ createdAt: -1, _id: -1 }).skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).lean(),
    OutboxMessageModel.countDocuments(filter),
  ]);
  return { items: docs.length, total };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Runs `reads` while asking /api/health every 100 ms (each with a 30 s cap); returns both sides' figures. */
async function underLoad(healthUrl: string, reads: () => Promise<string>[]) {
  const health: number[] = [];
  let done = false;
  const prober = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(30_000) }).catch(() => null);
      health.push(res?.ok ? performance.now() - started : 30_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = performance.now();
  const outcomes = await Promise.all(
    reads().map(async (read) => {
      const t0 = performance.now();
      const outcome = await read;
      return { outcome, ms: performance.now() - t0 };
    }),
  );
  const wallMs = performance.now() - started;
  done = true;
  await prober;
  health.sort((a, b) => a - b);
  const byOutcome = new Map<string, number[]>();
  for (const { outcome, ms } of outcomes) byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), ms]);
  const summary = [...byOutcome].map(([outcome, list]) => `${list.length}× ${outcome} (median ${percentile(list.sort((a, b) => a - b), 50).toFixed(0)} ms)`).join(", ");
  return { health, wallMs, summary };
}

export async function runOutboxBench(): Promise<void> {
  await withBenchDatabase("bench_outbox", async (kind) => {
    const seedStarted = performance.now();
    const { workspaceId, adminId } = await seed();
    const seedSeconds = ((performance.now() - seedStarted) / 1000).toFixed(1);
    console.log(`outbox: seeded ${MAILS} e-mails in ${seedSeconds} s (${kind})`);
    const config = { ...loadConfig({ NODE_ENV: "test" }), inviteLinkKey: Buffer.alloc(32, 1).toString("base64") };
    const deps = { config, logger: pino({ level: "silent" }), clock: systemClock, events: new DomainEvents(), mailer: createMailer({ clock: systemClock }) };
    const server = await startServer(deps, 0);
    const token = await createSession(adminId, systemClock, 1);
    const outbox = `${server.url}/api/workspaces/${workspaceId}/outbox`;
    const get = async (url: string) => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items?: { id: string }[]; nextBefore?: string | null; error?: { code: string } };
      return { status: res.status, body };
    };
    // Cursors spread over the whole outbox, as an admin paging quickly would produce.
    const ids = (await OutboxMessageModel.find({ workspaceId }, { _id: 1 }).lean()).map((m) => String(m._id)).sort().reverse();
    const cursors = Array.from({ length: CONCURRENT }, (_, i) => ids[i * PAGE_SIZE * 10]);

    const rows: string[] = [];
    const row = (label: string, result: Awaited<ReturnType<typeof underLoad>>) => {
      const h = result.health;
      const line = `| ${label} | ${result.summary} | ${(result.wallMs / 1000).toFixed(1)} s | ${h.length} | ${percentile(h, 50).toFixed(0)} | ${percentile(h, 95).toFixed(0)} | ${h.at(-1)!.toFixed(0)} |`;
      console.log(line);
      rows.push(line);
    };
    console.log(`outbox: ${CONCURRENT} page reads at once, /api/health every 100 ms meanwhile`);
    row(
      "before: skip-based read (pages 1, 11, 21, … in this process)",
      await underLoad(`${server.url}/api/health`, () =>
        Array.from({ length: CONCURRENT }, (_, i) => skipBasedRead(workspaceId, 1 + i * 10).then((r) => (r.items === PAGE_SIZE ? "read" : "short page"))),
      ),
    );
    row(
      "after: GET /outbox?before=<cursor> (limiter: 2 at once, 4 waiting ≤ 3 s)",
      await underLoad(`${server.url}/api/health`, () =>
        cursors.map((before) => get(`${outbox}?pageSize=${PAGE_SIZE}${before ? `&before=${before}` : ""}`).then((r) => (r.status === 200 ? "200" : `${r.status} ${r.body.error?.code ?? ""}`))),
      ),
    );

    const single: string[] = [];
    const once = async (label: string, url: string) => {
      const t0 = performance.now();
      const { status, body } = await get(url);
      const ms = performance.now() - t0;
      console.log(`  ${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  status ${status}, ${body.items?.length ?? 0} items`);
      single.push(`| ${label} | ${ms.toFixed(0)} | ${status} | ${body.items?.length ?? 0} |`);
    };
    await once("first page", `${outbox}?pageSize=${PAGE_SIZE}`);
    await once("page 400 by cursor", `${outbox}?pageSize=${PAGE_SIZE}&before=${ids[399 * PAGE_SIZE - 1]}`);
    await once("search recipient 'person10'", `${outbox}?pageSize=${PAGE_SIZE}&q=person10`);
    await server.close();

    writeBenchSection("outbox-bench", [
      `## Outbox at ${MAILS.toLocaleString("en")} e-mails (\`npm run bench\`)`,
      "",
      `Run on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}. Engine: ${engineLabel(kind)}. Seeding took ${seedSeconds} s.`,
      `${CONCURRENT} outbox page reads at once while \`/api/health\` is asked every 100 ms (a health answer slower than 30 s counts as 30,000 ms). ` +
        "Before: the skip-based read the route used to run (sort + skip + limit and a count per page), called in the server's own process. " +
        "After: the route as it is now over HTTP, by `before` cursor, with the heavy-read limiter refusing what does not fit (503 `SERVER_BUSY`, `Retry-After`).",
      "FerretDB v1 (SQLite) pushes down only an exact `{ _id }` filter, a range on `_id` included, so each read still scans the collection there; the limiter keeps those scans from taking every core. On MongoDB the `{ workspaceId, _id }` index serves a page directly.",
      "",
      "| reads | outcomes | all done in | health samples | health p50 ms | health p95 ms | health max ms |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
      "",
      "Single requests afterwards (over HTTP, one at a time):",
      "",
      "| request | ms | status | items |",
      "| --- | --- | --- | --- |",
      ...single,
    ]);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await runOutboxBench();
