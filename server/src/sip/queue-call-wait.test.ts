import type { UA } from "jssip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { NO_MEDIA, registeredUa, type SipAccount } from "../../test/node-sip-ua.js";
import { sleep } from "../../test/realtime-fixtures.js";
import { addAgent, createQueue, setStatus, type TestAgent } from "../../test/routing-fixtures.js";
import { peerCredentials, startKamailio, type TestKamailio } from "../../test/test-kamailio.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

// A queue call waits in Kamailio (182 Queued, transaction suspended) until the server names an
// agent. The SIP load bench found every wait ended after 2 s with 480: the suspended
// transaction's blind branch ran on a 2 s fr_timer. Real Kamailio, JsSIP UAs in Node.
const QUEUE_NUMBER = "7002";
let kamailio: TestKamailio;
let t: TestServer;
let agent: TestAgent;
let agentUa: UA;
let callerUa: UA;

beforeAll(async () => {
  kamailio = await startKamailio();
  const { secret, wsUrl, domain, rpcUrl, evapiPort, credentialTtlSeconds } = kamailio;
  t = await startTestServer({ sip: { secret, wsUrl, domain, rpcUrl, evapi: { host: "127.0.0.1", port: evapiPort }, credentialTtlSeconds } });
  const ws = await setUpWorkspace(t.api);
  await createQueue(t, ws.token, ws.workspaceId, { name: "Waiting line", channel: "phone", number: QUEUE_NUMBER, teams: [ws.teamId], offerTimeoutSeconds: 30, wrapUpSeconds: 0 });
  agent = await addAgent(t, ws.workspaceId, { name: "Wes Waiting", teams: [ws.teamId], available: false });
  await setStatus(agent.dock, "away");
  const account = await t.api.get("/api/me/sip", { token: agent.token });
  expect(account.status).toBe(200);
  agentUa = await registeredUa(account.body as SipAccount);
  const caller = "15550002222";
  const { authorizationUser, password } = peerCredentials(kamailio, caller);
  callerUa = await registeredUa({ wsUrl, uri: `sip:${caller}@${domain}`, username: authorizationUser, password });
}, 60_000);
afterAll(async () => {
  agentUa?.stop();
  callerUa?.stop();
  agent?.dock.close();
  await t?.close();
  await kamailio?.stop();
});

it("reliability: a queue call that waited several seconds for an agent still rings them when they come available", async () => {
  const rung = new Promise<void>((resolve) => agentUa.on("newRTCSession", (event: { originator: string }) => event.originator === "remote" && resolve()));
  const outcome: string[] = [];
  const session = callerUa.call(`sip:${QUEUE_NUMBER}@${kamailio.domain}`, { mediaStream: NO_MEDIA });
  session.on("progress", (event: { response?: { status_code: number } }) => outcome.push(`progress ${event.response?.status_code}`));
  session.on("failed", (event: { cause?: string }) => outcome.push(`failed ${event.cause}`));

  // Nobody available: the call waits, past the 2 s the blind branch used to allow.
  await sleep(4_000);
  expect(outcome).toEqual(["progress 182"]);
  await setStatus(agent.dock, "available");
  await expect(Promise.race([rung.then(() => "rung"), sleep(5_000).then(() => "not rung")])).resolves.toBe("rung");
  session.terminate();
}, 30_000);
