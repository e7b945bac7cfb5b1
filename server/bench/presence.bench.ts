/**
 * Presence fan-out at 2,000 docks and 50 watchers (issue 5). `npm run bench:presence`.
 * Starts FerretDB, seeds a workspace, then in one run measures three targets with the same
 * simulated clients (socket.io-client, websocket transport only):
 *   1. one Switchboard node (presence in memory), 2. bare Socket.IO rebroadcasting the same
 *   payload to the same rooms (the yardstick), 3. two bare nodes through the Redis adapter (the
 *   yardstick for 4), 4. two Switchboard nodes sharing Redis.
 * Servers run in child processes so their RSS is theirs alone. Results go to docs/benchmarks.md.
 * Knobs: BENCH_DOCKS (2000), BENCH_REDIS_DOCKS (2 × BENCH_DOCKS), BENCH_RATE changes/s (200), BENCH_SECONDS (15),
 * BENCH_TARGETS, BENCH_STORM=0 (skip the reconnect storm).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Socket } from "socket.io-client";
import { startNode, startRedis, startScript, type Child } from "../test/processes.js";
import { withChildServers } from "./bench-database.js";
import { machineLine, writeBenchSection } from "./bench-report.js";
import { reconnectStorm, type StormResult } from "./presence-storm.js";
import { inBatches, loopDelayOf, openSocket, percentile, rssOf, seedPresenceBench, sleep, type Presence, type Seeded } from "./presence-load.js";

const DOCKS = Number(process.env.BENCH_DOCKS ?? 2_000);
/** Docks for the two-node targets (issue 14: twice one node's). */
const REDIS_DOCKS = Number(process.env.BENCH_REDIS_DOCKS ?? 2 * DOCKS);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const VIEWERS = 10;
const SUPERVISORS = 40;
const TEAMS = 20;
/** Which targets to run: any of single,bare,bare-redis,redis (all by default). */
const TARGETS = new Set((process.env.BENCH_TARGETS ?? "single,bare,bare-redis,redis").split(","));
const here = dirname(fileURLToPath(import.meta.url));

type Topology = "1 node" | "2 nodes + Redis";

interface Target {
  kind: "switchboard" | "bare";
  topology: Topology;
  name: string;
  children: Child[];
  docks: number;
  /** One-node targets: stops the server and starts it again on the same port, for the reconnect storm. */
  restart?: () => Promise<Child>;
}

interface Result {
  kind: Target["kind"];
  topology: Topology;
  name: string;
  docks: number;
  watchers: number;
  connectSeconds: number;
  changesPerSecond: number;
  delivered: number;
  expected: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rssPerConnectionKb: number;
  rssMb: number;
  /** The worst server's event-loop delay during the measured window (ms). */
  loopP99: number;
  loopMax: number;
  storm: StormResult | null;
}

let template: Presence | null = null;
const watcherRoom = (seeded: Seeded, scope: "all" | number) =>
  scope === "all" ? `workspace:${seeded.workspaceId}:watchers` : `team:${scope}:watchers`;

const portOf = (url: string) => new URL(url).port;

async function runScenario(target: Target, seeded: Seeded): Promise<Result> {
  const pids = target.children.map((child) => child.process.pid!);
  const urls = target.children.map((child) => child.url);
  const sb = target.kind === "switchboard";
  const rssBefore = pids.reduce((sum, pid) => sum + rssOf(pid), 0);
  const sentAt = new Map<string, number>();
  const samples: number[] = [];

  const connectStart = performance.now();
  const watchers = await inBatches(seeded.watchers, 25, (w, i) =>
    openSocket(urls[i % urls.length]! + (sb ? "/console" : "/"), sb ? { token: w.token, workspaceId: seeded.workspaceId } : { rooms: [watcherRoom(seeded, w.scope!)] }),
  );
  for (const socket of watchers) {
    socket.on("presence:changed", (p: Presence) => {
      if (!template && sb) template = p;
      const sent = sentAt.get(`${p.userId}:${p.status}`);
      if (sent !== undefined) samples.push(performance.now() - sent);
    });
  }
  const docks: Socket[] = await inBatches(seeded.docks.slice(0, target.docks), 100, (d, i) =>
    openSocket(urls[i % urls.length]! + (sb ? "/dock" : "/"), sb ? { token: d.token, workspaceId: seeded.workspaceId } : { rooms: [`member:${i}`] }),
  );
  const connectSeconds = (performance.now() - connectStart) / 1000;
  await sleep(3_000); // let the connect-time presence changes drain before measuring
  const rssAfter = pids.reduce((sum, pid) => sum + rssOf(pid), 0);

  const perTeam = (team: number) => VIEWERS + seeded.watchers.filter((w) => w.scope === team).length;
  // Each member in turn flips between available and away (docks connect available): a change every dock can make.
  const changes = new Array<number>(docks.length).fill(0);
  const total = RATE * SECONDS;
  let expected = 0;
  await Promise.all(target.children.map(loopDelayOf)); // starts the servers' loop-delay window
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / RATE - performance.now();
    if (wait > 1) await sleep(wait);
    const m = i % docks.length;
    const member = seeded.docks[m]!;
    const status = (changes[m] = changes[m]! + 1) % 2 === 1 ? "away" : "available";
    sentAt.set(`${member.userId}:${status}`, performance.now());
    expected += perTeam(member.team);
    if (sb) docks[m]!.emit("presence:set", { status }, () => {});
    else docks[m]!.emit("change", { ...template!, userId: member.userId, status }, [watcherRoom(seeded, "all"), watcherRoom(seeded, member.team)], () => {});
  }
  const elapsed = (performance.now() - start) / 1000;
  await sleep(2_000);
  const loops = await Promise.all(target.children.map(loopDelayOf));
  for (const socket of [...docks, ...watchers]) socket.close();
  samples.sort((a, b) => a - b);
  console.error(`${target.name}: connect ${connectSeconds.toFixed(1)} s, ${samples.length}/${expected} delivered, p99 ${percentile(samples, 99).toFixed(1)} ms, loop p99 ${Math.max(...loops.map((l) => l.p99))} ms, RSS/conn ${((rssAfter - rssBefore) / 1024 / (docks.length + watchers.length)).toFixed(1)} KB`);
  const storm = target.restart && process.env.BENCH_STORM !== "0"
    ? (
        await reconnectStorm({
          restart: target.restart,
          seeded,
          docks: target.docks,
          switchboard: sb,
          dockAuth: (i) => (sb ? { token: seeded.docks[i]!.token, workspaceId: seeded.workspaceId } : { rooms: [`member:${i}`] }),
        })
      ).result
    : null;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    kind: target.kind,
    topology: target.topology,
    name: target.name,
    docks: docks.length,
    watchers: watchers.length,
    connectSeconds: round(connectSeconds),
    changesPerSecond: round(total / elapsed),
    delivered: samples.length,
    expected,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    max: round(samples.at(-1) ?? NaN),
    rssPerConnectionKb: round((rssAfter - rssBefore) / 1024 / (docks.length + watchers.length)),
    rssMb: round(rssAfter / 1024 / 1024),
    loopP99: Math.max(...loops.map((l) => l.p99)),
    loopMax: Math.max(...loops.map((l) => l.max)),
    storm,
  };
}

function report(results: Result[], totalSeconds: number): string[] {
  const bareOf = (topology: Topology) => results.find((r) => r.kind === "bare" && r.topology === topology);
  const times = (value: number, yardstick: number | undefined) => (yardstick === undefined || !Number.isFinite(value) ? "n/a" : `${(value / yardstick).toFixed(2)}×`);
  const seconds = (value: number | null | undefined) => (value === null || value === undefined ? "n/a" : `${value.toFixed(1)} s`);
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.docks} | ${r.watchers} | ${r.connectSeconds} s | ${r.changesPerSecond} | ${r.delivered}/${r.expected} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${r.loopP99} / ${r.loopMax} | ${r.rssMb} MB | ${r.rssPerConnectionKb} KB | ${seconds(r.storm?.connectSeconds)} | ${seconds(r.storm?.boardSeconds)} | ${times(r.p99, bareOf("1 node")?.p99)} | ${times(r.p99, bareOf(r.topology)?.p99)} |`,
  );
  const single = results.find((r) => r.kind === "switchboard" && r.topology === "1 node");
  const bare = bareOf("1 node");
  const pair = results.find((r) => r.kind === "switchboard" && r.topology === "2 nodes + Redis");
  const check = (ok: boolean | undefined) => (ok === undefined ? "not run" : ok ? "met" : "**missed**");
  const targets = [
    `- p99 under 50 ms: ${single?.p99 ?? "n/a"} ms — ${check(single && single.p99 < 50)}.`,
    `- p99 at most 1.5× bare Socket.IO (${bare?.p99 ?? "n/a"} ms): ${single && bare ? times(single.p99, bare.p99) : "n/a"} — ${check(single && bare && single.p99 <= 1.5 * bare.p99)}.`,
    `- event-loop delay p99 under 50 ms during the changes: ${single?.loopP99 ?? "n/a"} ms (bare ${bare?.loopP99 ?? "n/a"} ms, ${single && bare ? times(single.loopP99, bare.loopP99) : "n/a"}) — ${check(single && single.loopP99 < 50)}.`,
    `- connect ${single?.docks ?? "n/a"} docks in batches of 100: ${seconds(single?.connectSeconds)} (bare ${seconds(bare?.connectSeconds)}, ${single && bare ? times(single.connectSeconds, bare.connectSeconds) : "n/a"}).`,
    `- reconnect storm, every dock at once after a restart: connected in ${seconds(single?.storm?.connectSeconds)} (bare ${seconds(bare?.storm?.connectSeconds)}, ${single?.storm && bare?.storm ? times(single.storm.connectSeconds, bare.storm.connectSeconds) : "n/a"}; ${single?.storm?.failed ?? "n/a"} refused), board consistent in ${seconds(single?.storm?.boardSeconds)} — ${check(single?.storm ? single.storm.boardSeconds !== null && single.storm.boardSeconds <= 30 : undefined)} (limit 30 s).`,
    `- RSS at most 20 KB per connection: ${single?.rssPerConnectionKb ?? "n/a"} KB (bare ${bare?.rssPerConnectionKb ?? "n/a"} KB, ${single && bare ? times(single.rssPerConnectionKb, bare.rssPerConnectionKb) : "n/a"}) — ${check(single && single.rssPerConnectionKb <= 20)}.`,
    `- two nodes + Redis with ${pair?.docks ?? "n/a"} docks at one node's p99 with ${single?.docks ?? "n/a"}: ${pair?.p99 ?? "n/a"} ms vs ${single?.p99 ?? "n/a"} ms (${pair && single ? times(pair.p99, single.p99) : "n/a"}) — ${check(pair && single && pair.p99 <= Math.max(single.p99, 1.5 * (bare?.p99 ?? 0)))}.`,
  ];
  return [
    "## Presence fan-out (`npm run bench:presence`)",
    "",
    `Run on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}. Whole run: ${Math.round(totalSeconds)} s.`,
    "",
    `Each one-node target gets ${DOCKS} docks (two-node targets ${REDIS_DOCKS}) and ${VIEWERS + SUPERVISORS} watchers (${VIEWERS} viewers watching the workspace, ${SUPERVISORS} supervisors watching one of ${TEAMS} teams),`,
    `all socket.io-client over websocket only, in the benchmark process; servers run in child processes. Docks then send ${RATE} changes/s for ${SECONDS} s`,
    "(`presence:set`, each member in turn flipping between available and away, so coalescing never holds one back); latency is from the dock's emit to each watcher's receipt,",
    `one sample per delivery (each change reaches the ${VIEWERS} viewers and its team's 2 supervisors). RSS is the servers' resident memory after connecting;`,
    "per connection = growth while connecting ÷ connections. Event-loop delay is the servers' own (`monitorEventLoopDelay`) over the changes, p99 / max.",
    "Reconnect storm (one-node targets): the server is restarted on its port and every dock connects at once; the board is consistent when a fresh watcher's",
    "snapshot shows every dock online. The bare target is plain Socket.IO rebroadcasting the same presence payload to the same rooms",
    "(no auth, no state, no coalescing), measured in the same run, on one node and on two nodes through the same Redis adapter;",
    "the ratios are p99 ÷ the one-node bare p99 (the issue's target) and ÷ the bare p99 on the same topology (what our code adds).",
    "",
    "| target | docks | watchers | connect | changes/s | delivered | p50 ms | p95 ms | p99 ms | max ms | loop delay p99 / max ms | server RSS | RSS/conn | storm connect | storm board | p99 vs bare | p99 vs bare, same topology |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "Targets (issue 14), from this run:",
    "",
    ...targets,
  ];
}

const began = performance.now();
const dbName = "bench_presence";
await withChildServers(dbName, async (uri, children) => {
  const wantsRedis = TARGETS.has("redis") || TARGETS.has("bare-redis");
  const seeded = await seedPresenceBench(wantsRedis ? Math.max(DOCKS, REDIS_DOCKS) : DOCKS, VIEWERS, SUPERVISORS, TEAMS);
  const nodeEnv = { MONGODB_URI: uri, DB_NAME: dbName, NODE_LOG: "warn" };
  const results: Result[] = [];
  const script = join(here, "bare-broadcast.server.ts");
  /** A one-node target whose server the storm restarts on the same port; `current` follows the restarts for teardown. */
  const restartable = (start: (env: Record<string, string>) => Promise<Child>, first: Child) => {
    let current = first;
    return {
      stop: () => current.stop(),
      restart: async () => {
        await current.stop();
        current = await start({ PORT: portOf(first.url) });
        children.push(current);
        return current;
      },
    };
  };

  if (TARGETS.has("single")) {
    const start = (env: Record<string, string>) => startNode({ ...nodeEnv, ...env });
    const single = await start({});
    children.push(single);
    const node = restartable(start, single);
    results.push(await runScenario({ kind: "switchboard", topology: "1 node", name: "Switchboard, 1 node (memory)", children: [single], docks: DOCKS, restart: node.restart }, seeded));
    await node.stop();
    console.log(results.at(-1));
  }
  if (TARGETS.has("bare")) {
    const start = (env: Record<string, string>) => startScript(script, env);
    const bare = await start({});
    children.push(bare);
    const node = restartable(start, bare);
    results.push(await runScenario({ kind: "bare", topology: "1 node", name: "bare Socket.IO broadcast", children: [bare], docks: DOCKS, restart: node.restart }, seeded));
    await node.stop();
    console.log(results.at(-1));
  }
  const redis = wantsRedis ? await startRedis() : null;
  if (redis) children.push(redis);
  if (redis && TARGETS.has("bare-redis")) {
    const pair = await Promise.all([startScript(script, { REDIS_URL: redis.url }), startScript(script, { REDIS_URL: redis.url })]);
    children.push(...pair);
    results.push(await runScenario({ kind: "bare", topology: "2 nodes + Redis", name: "bare Socket.IO, 2 nodes + Redis adapter", children: pair, docks: REDIS_DOCKS }, seeded));
    for (const node of pair) await node.stop();
    console.log(results.at(-1));
  }
  if (redis && TARGETS.has("redis")) {
    const pair = await Promise.all([startNode({ ...nodeEnv, REDIS_URL: redis.url }), startNode({ ...nodeEnv, REDIS_URL: redis.url })]);
    children.push(...pair);
    results.push(await runScenario({ kind: "switchboard", topology: "2 nodes + Redis", name: "Switchboard, 2 nodes + Redis", children: pair, docks: REDIS_DOCKS }, seeded));
    console.log(results.at(-1));
  }

  writeBenchSection("presence-bench", report(results, (performance.now() - began) / 1000));
});
process.exit(0);
