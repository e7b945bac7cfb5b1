/**
 * Routing: enqueue → offer with 1,000 chats arriving for 2,000 agents (issue 12, acceptance 6).
 * Starts FerretDB, seeds one workspace (agents in one team, one chat queue), then per target:
 * every agent's dock connects over /dock (socket.io-client, websocket only) and sets itself
 * available; the visitors connect over /visitor; then all chats start at once. Latency per chat
 * is from the visitor's `chat:start` emit to the `offer:new` for that chat reaching a dock (the
 * emit → ack time, the enqueue itself, is reported too). Agents accept each offer, close the
 * chat a moment later and end wrap-up, as the capacity test's agents do.
 * Targets: one node (in-process reservation store), two nodes sharing Redis (docks and visitors
 * spread over both). Servers run in child processes. Results go to docs/benchmarks.md.
 * Knobs: BENCH_AGENTS (2000), BENCH_CHATS (1000), BENCH_TARGETS (single,redis), BENCH_TIMEOUT_S (180).
 */
import { DEFAULT_SETTINGS } from "@switchboard/shared";
import type { Socket } from "socket.io-client";
import { TeamModel } from "../src/teams/team.model.js";
import { numberKeyOf, QueueModel } from "../src/routing/queue.model.js";
import { startNode, startRedis, type Child } from "../test/processes.js";
import { withChildServers } from "./bench-database.js";
import { machineLine, writeBenchSection } from "./bench-report.js";
import { inBatches, openSocket, percentile, seedPresenceBench, sleep, type Seeded } from "./presence-load.js";

const AGENTS = Number(process.env.BENCH_AGENTS ?? 2_000);
const CHATS = Number(process.env.BENCH_CHATS ?? 1_000);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 180);
const TARGETS = new Set((process.env.BENCH_TARGETS ?? "single,redis").split(","));
/** Every agent has the default capacity (no overrides are seeded). */
const CAPACITY = DEFAULT_SETTINGS.chatsPerUser;
/** How long an agent keeps an accepted chat before closing it. */
const HOLD_MS = 500;

interface Ack<T> {
  ok: boolean;
  data: T;
  error?: { code: string };
}
const ask = <T>(socket: Socket, event: string, body: unknown, ms = 30_000) => socket.timeout(ms).emitWithAck(event, body) as Promise<Ack<T>>;

interface Result {
  name: string;
  connectSeconds: number;
  started: number;
  offered: number;
  offers: number;
  accepted: number;
  overCapacity: number;
  ack: { p50: number; p99: number };
  offer: { p50: number; p99: number; max: number };
  /** offer:new → the accept's ack (the record of the offer lands behind it). */
  accept: { p50: number; p99: number };
  allOfferedSeconds: number;
}

async function runScenario(name: string, nodes: Child[], seeded: Seeded, queueId: string): Promise<Result> {
  const urls = nodes.map((node) => node.url);
  const startedAt = new Map<string, number>();
  const ackMs: number[] = [];
  const acceptMs: number[] = [];
  const refusals = new Map<string, number>();
  const offerMs = new Map<string, number>();
  const pendingOffers = new Map<string, number>(); // offers that beat their chat's ack: interactionId → time
  const counts = { offers: 0, accepted: 0, acksSettled: 0, overCapacity: 0, startFailed: 0 };

  const connectStart = performance.now();
  const docks = await inBatches(seeded.docks, 100, async (agent, i) => {
    const dock = await openSocket(urls[i % urls.length]! + "/dock", { token: agent.token, workspaceId: seeded.workspaceId });
    const set = await ask(dock, "presence:set", { status: "available" });
    if (!set.ok) throw new Error(`presence:set failed: ${JSON.stringify(set)}`);
    return dock;
  });
  const visitors = await inBatches(Array.from({ length: CHATS }), 100, (_, i) =>
    openSocket(urls[i % urls.length]! + "/visitor", { workspaceId: seeded.workspaceId, queueId }),
  );
  const connectSeconds = (performance.now() - connectStart) / 1000;

  // An agent, like a person at the dock: accept, keep the chat a moment, close it, end wrap-up.
  // What each holds (offers ringing plus chats) is counted here against their capacity.
  for (const dock of docks) {
    const held = new Set<string>();
    dock.on("offer:new", (offer: { offerId: string; interactionId: string }) => {
      const now = performance.now();
      counts.offers++;
      held.add(offer.interactionId);
      if (held.size > CAPACITY) counts.overCapacity++;
      const sent = startedAt.get(offer.interactionId);
      if (sent === undefined) pendingOffers.set(offer.interactionId, now);
      else if (!offerMs.has(offer.interactionId)) offerMs.set(offer.interactionId, now - sent);
      void (async () => {
        const accepted = await ask(dock, "offer:accept", { offerId: offer.offerId }, 120_000).catch(() => null);
        counts.acksSettled++;
        if (!accepted?.ok) {
          const code = accepted?.error?.code ?? "no ack";
          refusals.set(code, (refusals.get(code) ?? 0) + 1);
          return void held.delete(offer.interactionId);
        }
        counts.accepted++;
        acceptMs.push(performance.now() - now);
        await sleep(HOLD_MS);
        // Freed before asking: the server frees the slot before it acks, and may offer the next chat in between.
        held.delete(offer.interactionId);
        const closed = await ask(dock, "interaction:close", { interactionId: offer.interactionId }).catch(() => null);
        if (closed?.ok) await ask(dock, "wrapup:done", {}).catch(() => null);
      })();
    });
    dock.on("offer:cancelled", (cancel: { offerId: string }) => held.delete(cancel.offerId.split("-")[0]!));
  }

  const t0 = performance.now();
  await Promise.all(
    visitors.map(async (visitor, i) => {
      const sent = performance.now();
      const ack = await ask<{ interactionId: string }>(visitor, "chat:start", { text: `Hello, chat ${i}`, name: `Visitor ${i}` }).catch(() => null);
      if (!ack?.ok) return void counts.startFailed++;
      ackMs.push(performance.now() - sent);
      const id = ack.data.interactionId;
      startedAt.set(id, sent);
      const early = pendingOffers.get(id);
      if (early !== undefined) offerMs.set(id, early - sent);
    }),
  );
  const deadline = performance.now() + TIMEOUT_S * 1000;
  while (offerMs.size < startedAt.size && performance.now() < deadline) await sleep(100);
  const allOfferedSeconds = (performance.now() - t0) / 1000;
  // Let the accepts answer, and the last closes land, before the next target.
  while (counts.acksSettled < counts.offers && performance.now() < deadline + 60_000) await sleep(100);
  await sleep(HOLD_MS + 1_000);
  for (const socket of [...docks, ...visitors]) socket.close();
  if (counts.startFailed) console.warn(`${name}: ${counts.startFailed} chat:start refused or timed out`);
  if (refusals.size) console.warn(`${name}: accepts refused`, Object.fromEntries(refusals));

  // A chat still waiting at the time limit counts as slower than every offered one, so p99 never hides it.
  const latencies = [...offerMs.values(), ...Array<number>(startedAt.size - offerMs.size).fill(Infinity)].sort((a, b) => a - b);
  ackMs.sort((a, b) => a - b);
  acceptMs.sort((a, b) => a - b);
  const round = (n: number) => (Number.isFinite(n) ? Math.round(n) : n);
  return {
    name,
    connectSeconds: Math.round(connectSeconds * 10) / 10,
    started: startedAt.size,
    offered: offerMs.size,
    offers: counts.offers,
    accepted: counts.accepted,
    overCapacity: counts.overCapacity,
    ack: { p50: round(percentile(ackMs, 50)), p99: round(percentile(ackMs, 99)) },
    offer: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? NaN) },
    accept: { p50: round(percentile(acceptMs, 50)), p99: round(percentile(acceptMs, 99)) },
    allOfferedSeconds: Math.round(allOfferedSeconds * 10) / 10,
  };
}

const ms = (n: number) => (n === Infinity ? `not offered in ${TIMEOUT_S} s` : String(n));

function report(results: Result[], totalSeconds: number): string[] {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${AGENTS} | ${r.started}/${CHATS} | ${r.connectSeconds} s | ${r.ack.p50} | ${r.ack.p99} | ${r.offered}/${r.started} | ${ms(r.offer.p50)} | ${ms(r.offer.p99)} | ${ms(r.offer.max)} | ${r.allOfferedSeconds} s | ${r.offers} | ${r.accepted} | ${r.accept.p50} | ${r.accept.p99} | ${r.overCapacity} |`,
  );
  return [
    "## Routing: enqueue → offer (`npm run bench`)",
    "",
    `Run on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}. Whole run: ${Math.round(totalSeconds)} s.`,
    "",
    `${AGENTS} agents (one team, capacity ${CAPACITY} chats each) connect their docks over \`/dock\` and set themselves available; ${CHATS} visitors connect over \`/visitor\`,`,
    "then every visitor sends `chat:start` at once into one chat queue. All clients are socket.io-client over websocket in the benchmark process; servers run in",
    "child processes on the embedded FerretDB (v1.24.2, SQLite handler). Per chat, *enqueue* is `chat:start` emit → its ack (the interaction written),",
    "*offer* is `chat:start` emit → the `offer:new` for that chat reaching an agent's dock; *accept* is `offer:new` → the accept's ack (the agent's chat",
    "opened; the offer's record is written behind the offer, so a burst's database writes show here). Agents accept every offer, close the chat 0.5 s later and end",
    "wrap-up. *Over capacity* counts offers that arrived while the dock already held its capacity in offers and chats (counted on the client; must be 0).",
    "On two nodes the docks and visitors alternate between the nodes and the reservation store is the Redis script.",
    `Each target stops waiting ${TIMEOUT_S} s after the chats start; a chat not offered by then counts in the percentiles as slower than any offered one.`,
    "",
    "| target | agents | chats started | connect | enqueue p50 ms | enqueue p99 ms | chats offered | offer p50 ms | offer p99 ms | offer max ms | all offered after | offers | accepted | accept p50 ms | accept p99 ms | over capacity |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ];
}

const began = performance.now();
const dbName = "bench_routing";
await withChildServers(dbName, async (uri, children) => {
  const seeded = await seedPresenceBench(AGENTS, 0, 0, 1);
  const team = (await TeamModel.findOne({ workspaceId: seeded.workspaceId }).lean())!;
  const queue = await QueueModel.create({
    workspaceId: seeded.workspaceId,
    name: "Bench chat",
    channel: "chat",
    teams: [team._id],
    offerTimeoutSeconds: 60,
    wrapUpSeconds: 5,
    serviceLevelSeconds: 20,
    numberKey: numberKeyOf(null),
  });
  const queueId = String(queue._id);
  const nodeEnv = { MONGODB_URI: uri, DB_NAME: dbName, NODE_LOG: "warn", OPEN_CHATS_PER_ADDRESS: String(10 * CHATS) };
  const results: Result[] = [];

  if (TARGETS.has("single")) {
    const single = await startNode(nodeEnv);
    children.push(single);
    results.push(await runScenario("1 node (in-process reservations)", [single], seeded, queueId));
    await single.stop();
    console.log(results.at(-1));
  }
  if (TARGETS.has("redis")) {
    const redis = await startRedis();
    children.push(redis);
    const pair = await Promise.all([startNode({ ...nodeEnv, REDIS_URL: redis.url }), startNode({ ...nodeEnv, REDIS_URL: redis.url })]);
    children.push(...pair);
    results.push(await runScenario("2 nodes + Redis (Redis reservations)", pair, seeded, queueId));
    console.log(results.at(-1));
  }

  writeBenchSection("routing-bench", report(results, (performance.now() - began) / 1000));
});
process.exit(0);
