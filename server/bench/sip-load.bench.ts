/**
 * SIP load: 50 concurrent queue calls for 20 registered agent UAs (issue 13, acceptance 7).
 * Starts FerretDB, Debian's Kamailio with server/sip/kamailio.cfg and one server node (child
 * process) driving it over evapi; seeds one workspace with a phone queue and 20 agents. Each
 * agent's dock connects over /dock and sets itself available, and each agent's UA (JsSIP in
 * Node, signalling only: sip-load-ua.ts) registers with the account `GET /api/me/sip` gives it.
 * Then 50 caller UAs dial the queue number at once. Agents answer 0.2–0.8 s after their UA rings
 * and hang up 1–3 s after the call is confirmed; the queue's wrap-up is 1 s.
 * Measured at the UAs, by Call-ID (Kamailio proxies the caller's INVITE to the agent): caller's
 * INVITE sent → the agent's UA receiving it. An agent rung while its UA still holds a call or a
 * ringing INVITE, or within the wrap-up after its last call, is an over-capacity offer.
 * Knobs: BENCH_SIP_AGENTS (20), BENCH_SIP_CALLS (50), BENCH_TIMEOUT_S (120).
 */
import { peerCredentials, startKamailio } from "../test/test-kamailio.js";
import { TeamModel } from "../src/teams/team.model.js";
import { numberKeyOf, QueueModel } from "../src/routing/queue.model.js";
import { startNode } from "../test/processes.js";
import { withChildServers } from "./bench-database.js";
import { machineLine, writeBenchSection } from "./bench-report.js";
import { inBatches, openSocket, percentile, seedPresenceBench, sleep } from "./presence-load.js";
import { NO_MEDIA, registeredUa, type RTCSession, type SipAccount } from "../test/node-sip-ua.js";
import { execFileSync } from "node:child_process";
import type { Socket } from "socket.io-client";

const AGENTS = Number(process.env.BENCH_SIP_AGENTS ?? 20);
const CALLS = Number(process.env.BENCH_SIP_CALLS ?? 50);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 120);
const QUEUE_NUMBER = "7001";
const WRAP_UP_SECONDS = 1;
const OFFER_SECONDS = 20;
const between = (min: number, max: number) => min + Math.random() * (max - min);

interface AgentUa {
  /** Sessions rung and not ended yet (ringing or on the call). */
  active: Set<RTCSession>;
  rings: number;
  /** When this agent's last call ended (its UA saw it end), for the wrap-up check. */
  lastEndAt: number | null;
}

interface SessionEvent {
  originator: string;
  session: RTCSession;
  request: { call_id: string };
}

const counts = { answerErrors: 0, overCapacity: 0, rungInWrapUp: 0, answered: 0, confirmedCallers: 0, callerFailed: new Map<string, number>() };
const sentAt = new Map<string, number>();
const rungAt = new Map<string, number>();
/** Rings to an agent that had been idle since the start: routing to a free agent, no queue wait. */
const firstRingMs: number[] = [];
/** Agent's last call ended + wrap-up → its next ring (a waiting call routed to the agent coming back). */
const reRingMs: number[] = [];

function agentHandlers(ua: import("jssip").UA, agent: AgentUa) {
  ua.on("newRTCSession", (event: SessionEvent) => {
    if (event.originator !== "remote") return;
    const now = performance.now();
    const { session } = event;
    if (agent.active.size > 0) counts.overCapacity++;
    if (agent.lastEndAt !== null && now < agent.lastEndAt + WRAP_UP_SECONDS * 1000) counts.rungInWrapUp++;
    if (agent.rings === 0) firstRingMs.push(now - (sentAt.get(event.request.call_id) ?? now));
    else if (agent.lastEndAt !== null) reRingMs.push(now - (agent.lastEndAt + WRAP_UP_SECONDS * 1000));
    agent.rings++;
    rungAt.set(event.request.call_id, now);
    agent.active.add(session);
    const ended = () => {
      if (agent.active.delete(session)) agent.lastEndAt = performance.now();
    };
    session.on("ended", ended);
    session.on("failed", ended);
    session.on("confirmed", () => {
      counts.answered++;
      setTimeout(() => session.isEnded() || session.terminate(), between(1_000, 3_000));
    });
    setTimeout(() => {
      try {
        if (!session.isEnded()) session.answer({ mediaStream: NO_MEDIA });
      } catch (error) {
        counts.answerErrors++;
        console.warn("answer failed", error);
      }
    }, between(200, 800));
  });
}

async function sipAccountOf(url: string, token: string): Promise<SipAccount> {
  const res = await fetch(`${url}/api/me/sip`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/me/sip: ${res.status} ${await res.text()}`);
  return (await res.json()) as SipAccount;
}

function report(r: Record<string, string | number>, totalSeconds: number, load: string): string[] {
  return [
    "## SIP load: queue calls through Kamailio (`npm run bench`)",
    "",
    `Run on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}. Whole run: ${Math.round(totalSeconds)} s. \`uptime\` before the calls: ${load}.`,
    "",
    `${AGENTS} agents (one team) connect their docks over \`/dock\`, set themselves available, and register a JsSIP UA each (in Node, over Kamailio's WebSocket,`,
    "with the account `GET /api/me/sip` issues; signalling only: a stub RTCPeerConnection answers with a fixed SDP). Then",
    `${CALLS} caller UAs (JsSIP, auth_ephemeral credentials) dial the phone queue's number at once. Kamailio (Debian's, \`server/sip/kamailio.cfg\`) answers`,
    "`182 Queued`, holds each call and asks the server (one node, child process, embedded FerretDB v1.24.2 SQLite) over evapi whom to ring.",
    `Agents answer 0.2–0.8 s after ringing and hang up 1–3 s after the call is confirmed; the queue's wrap-up is ${WRAP_UP_SECONDS} s, its offer timeout ${OFFER_SECONDS} s.`,
    "All UAs run in the benchmark process and are matched by Call-ID. *Free agent → ring* is the caller's INVITE sent → the agent's UA receiving it, for",
    "each agent's first ring (all agents idle, so no queue wait: Kamailio → evapi → routing decision → `call.ring` → Kamailio → agent).",
    "*Back from wrap-up → ring* is an agent's last call ending at its UA + the wrap-up → its next INVITE, while calls wait in the queue (the BYE reaching",
    "the server as a dialog end, the wrap-up timer and the routing decision). *Over capacity* counts INVITEs reaching an agent whose UA still held a",
    "ringing or connected call; *rung in wrap-up* counts INVITEs within the wrap-up after its last call (both must be 0).",
    "",
    "| agents | calls | rung | never reached an agent | answered | free agent → ring p50 ms | p99 ms | back from wrap-up → ring p50 ms | p99 ms | INVITE → ring (all calls, with queue wait) p50 ms | p99 ms | all rung after | over capacity | rung in wrap-up | caller failures |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    `| ${AGENTS} | ${CALLS} | ${r.rung} | ${r.neverRung} | ${r.answered} | ${r.firstP50} | ${r.firstP99} | ${r.reP50} | ${r.reP99} | ${r.allP50} | ${r.allP99} | ${r.allRungSeconds} s | ${r.overCapacity} | ${r.rungInWrapUp} | ${r.callerFailures} |`,
  ];
}

const began = performance.now();
const dbName = "bench_sip_load";
const kamailio = await startKamailio();
try {
  await withChildServers(dbName, async (uri, children) => {
    const seeded = await seedPresenceBench(AGENTS, 0, 0, 1);
    const team = (await TeamModel.findOne({ workspaceId: seeded.workspaceId }).lean())!;
    await QueueModel.create({
      workspaceId: seeded.workspaceId,
      name: "Bench line",
      channel: "phone",
      number: QUEUE_NUMBER,
      teams: [team._id],
      offerTimeoutSeconds: OFFER_SECONDS,
      wrapUpSeconds: WRAP_UP_SECONDS,
      serviceLevelSeconds: 20,
      numberKey: numberKeyOf(QUEUE_NUMBER),
    });
    const node = await startNode({
      MONGODB_URI: uri,
      DB_NAME: dbName,
      NODE_LOG: process.env.NODE_LOG ?? "warn",
      SIP_SECRET: kamailio.secret,
      SIP_WS_URL: kamailio.wsUrl,
      KAMAILIO_RPC_URL: kamailio.rpcUrl,
      KAMAILIO_EVAPI: `127.0.0.1:${kamailio.evapiPort}`,
    });
    children.push(node);

    const docks: Socket[] = [];
    const agents = await inBatches(seeded.docks, 10, async (member) => {
      const dock = await openSocket(node.url + "/dock", { token: member.token, workspaceId: seeded.workspaceId });
      docks.push(dock);
      const ua = await registeredUa(await sipAccountOf(node.url, member.token));
      const agent: AgentUa = { active: new Set(), rings: 0, lastEndAt: null };
      agentHandlers(ua, agent);
      const set = (await dock.timeout(10_000).emitWithAck("presence:set", { status: "available" })) as { ok: boolean };
      if (!set.ok) throw new Error(`presence:set failed: ${JSON.stringify(set)}`);
      return { ua, agent };
    });
    const callers = await inBatches(Array.from({ length: CALLS }), 10, (_, i) => {
      const user = `1555100${String(i).padStart(4, "0")}`;
      const { authorizationUser, password } = peerCredentials(kamailio, user);
      return registeredUa({ wsUrl: kamailio.wsUrl, uri: `sip:${user}@${kamailio.domain}`, username: authorizationUser, password });
    });
    // The evapi link and the docks' presence settle before the calls.
    await sleep(1_000);
    const load = execFileSync("uptime", { encoding: "utf8" }).trim().replace(/^.*load/, "load");

    const t0 = performance.now();
    let endedCallers = 0;
    for (const caller of callers) {
      caller.on("newRTCSession", (event: SessionEvent) => {
        if (event.originator === "local") sentAt.set(event.request.call_id, performance.now());
      });
      const session = caller.call(`sip:${QUEUE_NUMBER}@${kamailio.domain}`, { mediaStream: NO_MEDIA });
      session.on("confirmed", () => counts.confirmedCallers++);
      session.on("ended", () => endedCallers++);
      session.on("failed", (event: { cause?: string }) => {
        endedCallers++;
        const cause = event.cause ?? "unknown";
        counts.callerFailed.set(cause, (counts.callerFailed.get(cause) ?? 0) + 1);
      });
    }
    const deadline = t0 + TIMEOUT_S * 1000;
    while (rungAt.size < CALLS && performance.now() < deadline) await sleep(50);
    const allRungSeconds = Math.round((performance.now() - t0) / 100) / 10;
    while (endedCallers < CALLS && performance.now() < deadline) await sleep(100);
    await sleep(500);

    const all = [...sentAt].map(([callId, sent]) => (rungAt.has(callId) ? rungAt.get(callId)! - sent : Infinity)).sort((a, b) => a - b);
    for (const list of [firstRingMs, reRingMs]) list.sort((a, b) => a - b);
    const ms = (n: number) => (Number.isFinite(n) ? String(Math.round(n)) : "never");
    const result = {
      rung: rungAt.size,
      neverRung: CALLS - rungAt.size,
      answered: counts.answered,
      firstP50: ms(percentile(firstRingMs, 50)),
      firstP99: ms(percentile(firstRingMs, 99)),
      reP50: ms(percentile(reRingMs, 50)),
      reP99: ms(percentile(reRingMs, 99)),
      allP50: ms(percentile(all, 50)),
      allP99: ms(percentile(all, 99)),
      allRungSeconds,
      overCapacity: counts.overCapacity,
      rungInWrapUp: counts.rungInWrapUp,
      callerFailures: counts.callerFailed.size ? JSON.stringify(Object.fromEntries(counts.callerFailed)).replaceAll('"', "") : "0",
    };
    console.log(result, { confirmedCallers: counts.confirmedCallers, firstRings: firstRingMs.length, reRings: reRingMs.length });
    for (const ua of [...agents.map((a) => a.ua), ...callers]) ua.stop();
    for (const dock of docks) dock.close();
    await sleep(500);
    writeBenchSection("sip-load-bench", report(result, (performance.now() - began) / 1000, load));
  });
} finally {
  await kamailio.stop();
}
process.exit(0);
