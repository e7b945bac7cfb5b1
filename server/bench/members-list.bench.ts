/**
 * Members table at 50,000 members (issue 3: "paging that stays fast at 50,000 members").
 * Seeds one workspace, then times GET /members through HTTP (auth included): the first request,
 * which loads the workspace's active memberships into the server's copy (one collection scan),
 * then each search and filter served from that copy, then a list right after an edit (the copy
 * rereads that one membership by `_id`).
 *
 * Engine: MONGODB_URI when set, else a fresh embedded FerretDB — the CI engine, whose SQLite
 * handler pushes down only `{ _id: <ObjectId> }` filters (v1.24.2,
 * internal/backends/sqlite/collection.go), so any other read is a collection scan in Go.
 * Run: npm run bench, or npx tsx server/bench/members-list.bench.ts (BENCH_MEMBERS, BENCH_RUNS).
 */
import { Types } from "mongoose";
import { pino } from "pino";
import { createSession } from "../src/auth/sessions.service.js";
import { systemClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { MembershipModel, OrganizationModel, TeamModel, UserModel, WorkspaceModel } from "../src/db/models.js";
import { DomainEvents } from "../src/events/domain-events.js";
import { createMailer } from "../src/mail/mailer.js";
import { withBenchDatabase, engineLabel } from "./bench-database.js";
import { machineLine, writeBenchSection } from "./bench-report.js";
import { startServer } from "../src/server.js";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FIRST = ["ana", "ben", "chloe", "dev", "emma", "farid", "greta", "hugo", "ines", "jon", "kai", "lena", "milo", "nora", "omar", "pia"];
const LAST = ["smith", "garcia", "müller", "rossi", "dubois", "kowalski", "silva", "nguyen", "haddad", "okafor", "tanaka", "olsen"];
const ROLES = [["agent"], ["agent"], ["agent"], ["agent"], ["supervisor"], ["viewer"], ["agent", "viewer"], ["manager"]] as const;

async function seed() {
  const organization = await OrganizationModel.create({ name: "Bench" });
  const workspace = await WorkspaceModel.create({ organizationId: organization._id, name: "Bench" });
  const teams = await TeamModel.insertMany(Array.from({ length: 20 }, (_, i) => ({ workspaceId: workspace._id, name: `Team ${i}`, nameLower: `team ${i}` })));
  const adminId = new Types.ObjectId();
  const batch = 1_000;
  for (let start = 0; start < MEMBERS; start += batch) {
    const users = [];
    const memberships = [];
    for (let i = start; i < Math.min(start + batch, MEMBERS); i++) {
      const userId = i === 0 ? adminId : new Types.ObjectId();
      const first = FIRST[i % FIRST.length]!;
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
      const name = `${first} ${last} ${i}`;
      const email = `${first}.${last}.${i}@example.com`;
      const phone = `+1415${String(i).padStart(7, "0")}`;
      users.push({ _id: userId, organizationId: organization._id, email, emailLower: email, firstName: first, lastName: `${last} ${i}`, passwordHash: "!bench", phone });
      memberships.push({
        workspaceId: workspace._id,
        userId,
        roles: i === 0 ? ["admin"] : ROLES[i % ROLES.length],
        teams: [teams[i % teams.length]!._id],
        name,
        nameLower: name.toLowerCase(),
        emailLower: email,
        phone,
        status: i % 50 === 49 ? "revoked" : "active",
      });
    }
    await UserModel.insertMany(users, { ordered: false });
    await MembershipModel.insertMany(memberships, { ordered: false });
  }
  return { workspaceId: String(workspace._id), adminId, teamId: String(teams[3]!._id) };
}

async function request(url: string, token: string, init: RequestInit = {}): Promise<{ ms: number; body: { total?: number } }> {
  const started = performance.now();
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
  const body = (await res.json()) as { total?: number };
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

async function time(url: string, token: string): Promise<{ ms: number; total: number }> {
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    const { ms, body } = await request(url, token);
    samples.push(ms);
    total = body.total ?? 0;
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, total };
}

export async function runMembersListBench(): Promise<void> {
  await withBenchDatabase("bench_members", async (kind) => {
    const seedStarted = performance.now();
    const { workspaceId, adminId, teamId } = await seed();
    const seedSeconds = ((performance.now() - seedStarted) / 1000).toFixed(1);
    console.log(`members-list: seeded ${MEMBERS} members in ${seedSeconds} s (${kind})`);
    const config = { ...loadConfig({ NODE_ENV: "test" }), inviteLinkKey: Buffer.alloc(32, 1).toString("base64") };
    const deps = { config, logger: pino({ level: "silent" }), clock: systemClock, events: new DomainEvents(), mailer: createMailer({ clock: systemClock }) };
    const server = await startServer(deps, 0);
    const token = await createSession(adminId, systemClock, 1);
    const base = `${server.url}/api/workspaces/${workspaceId}/members`;
    const scenarios: [string, string][] = [
      ["first page (50)", ""],
      ["page 200 of 50", "?page=200"],
      ["search name 'garcia'", "?q=garcia"],
      ["search e-mail prefix 'nora.rossi'", "?q=nora.rossi"],
      ["search phone digits '0012345'", "?q=0012345"],
      ["filter team", `?team=${teamId}`],
      ["filter role supervisor", "?role=supervisor"],
      ["team + role + search", `?team=${teamId}&role=agent&q=smith`],
      ["revoked members", "?status=revoked"],
    ];
    const rows: string[] = [];
    const row = (label: string, query: string, ms: number, total: number | string) => {
      console.log(`  ${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms   total=${total}`);
      rows.push(`| ${label} | \`${query.replace(teamId, "<id>") || "(none)"}\` | ${ms.toFixed(1)} | ${total} |`);
    };
    const cold = await request(base, token);
    row("first request (loads the copy)", "", cold.ms, cold.body.total ?? 0);
    console.log("members-list: then the median of", RUNS, "requests over HTTP");
    for (const [label, query] of scenarios) {
      const { ms, total } = await time(base + query, token);
      row(label, query, ms, total);
    }
    const edited = (await MembershipModel.findOne({ workspaceId, roles: "agent", status: "active" }, { userId: 1 }).lean())!;
    const editUrl = `${base}/${String(edited.userId)}`;
    row("open a member (GET /members/:userId)", "/<userId>", (await time(editUrl, token)).ms, "—");
    row("a member's settings (GET …/settings)", "/<userId>/settings", (await time(`${editUrl}/settings`, token)).ms, "—");
    const located = await request(editUrl, token, { method: "PATCH", body: JSON.stringify({ profile: { location: "Bench" } }) });
    row("edit a member's location (PATCH)", "/<userId>", located.ms, "—");
    const renamed = await request(editUrl, token, { method: "PATCH", body: JSON.stringify({ profile: { lastName: "Benchmark" } }) });
    row("rename a member (PATCH)", "/<userId>", renamed.ms, "—");
    const after = await request(base, token);
    row("first page right after the edit", "", after.ms, after.body.total ?? 0);
    await server.close();
    writeBenchSection("members-bench", [
      "## Members table at 50,000 members (`npm run bench`)",
      "",
      `Run on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}. Engine: ${engineLabel(kind)}.`,
      `${MEMBERS} members in one workspace (20 teams); GET /members over HTTP with a Bearer session; seeding took ${seedSeconds} s.`,
      `The first request loads the workspace's active memberships into the server's copy; the searches and filters are each the median of ${RUNS} requests after it.`,
      "",
      "| request | query | ms | total |",
      "| --- | --- | --- | --- |",
      ...rows,
    ]);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await runMembersListBench();
