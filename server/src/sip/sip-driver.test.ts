import { createServer, type Socket } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startRedis, type Child } from "../../test/processes.js";
import { startTestServer, type TestServer } from "../../test/test-server.js";
import { redisLease } from "./evapi-lease.js";
import { startSipDriver } from "./sip-driver.js";

let t: TestServer;
let redis: Child;
const connections: Socket[] = [];
/** Most evapi connections open at once: two drivers even for a moment would both ring agents. */
let peak = 0;
let evapi: ReturnType<typeof createServer>;

beforeAll(async () => {
  redis = await startRedis();
  t = await startTestServer();
  evapi = createServer((socket) => {
    connections.push(socket);
    peak = Math.max(peak, connections.length);
    socket.on("close", () => connections.splice(connections.indexOf(socket), 1));
  });
  await new Promise<void>((resolve) => evapi.listen(0, "127.0.0.1", resolve));
  const port = (evapi.address() as { port: number }).port;
  t.deps.config.sip = { secret: "s".repeat(16), wsUrl: "ws://127.0.0.1:1", domain: "127.0.0.1", evapi: { host: "127.0.0.1", port }, credentialTtlSeconds: 600 };
});
afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise((resolve) => evapi?.close(resolve));
  await t?.close();
  await redis?.stop();
});

const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

it("reliability: with two nodes and Redis exactly one drives Kamailio; when it stops, the other takes over", async () => {
  const logger = pino({ level: "silent" });
  const lease = () => redisLease({ redisUrl: redis.url, name: "kamailio-under-test", logger, ttlMs: 600 });
  const first = startSipDriver(t.deps, { lease: lease() });
  const second = startSipDriver(t.deps, { lease: lease() });
  await until(() => connections.length === 1);
  // Several renewals later, still one driver and one evapi connection.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect([first.driving, second.driving].filter(Boolean)).toHaveLength(1);
  expect(connections).toHaveLength(1);

  const [driver, standby] = first.driving ? [first, second] : [second, first];
  await driver.stop();
  await until(() => standby.driving && connections.length === 1, 5_000);
  await standby.stop();
  await until(() => connections.length === 0);
  expect(peak).toBe(1);
});
