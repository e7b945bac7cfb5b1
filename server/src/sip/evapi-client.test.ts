import { createServer, type Server, type Socket } from "node:net";
import { pino } from "pino";
import { afterEach, expect, it } from "vitest";
import type { KamailioEvent } from "@switchboard/shared";
import { startKamailio, type TestKamailio } from "../../test/test-kamailio.js";
import { EvapiClient } from "./evapi-client.js";
import { encodeNetstring, NetstringDecoder } from "./netstring.js";

const logger = pino({ level: "silent" });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stand-in for Kamailio's evapi listener: the test writes raw bytes to whoever connects. */
async function fakeEvapi(): Promise<{ port: number; peer: () => Promise<Socket>; server: Server }> {
  const sockets: Socket[] = [];
  const waiting: ((socket: Socket) => void)[] = [];
  const server = createServer((socket) => {
    const next = waiting.shift();
    if (next) next(socket);
    else sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  cleanups.push(() => sockets.forEach((s) => s.destroy()));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    server,
    peer: () => new Promise((resolve) => (sockets.length ? resolve(sockets.shift()!) : waiting.push(resolve))),
  };
}

function clientOn(port: number, events: KamailioEvent[], onConnected = () => {}) {
  const client = new EvapiClient({ host: "127.0.0.1", port, logger, onEvent: (event) => events.push(event), onConnected, backoff: { minMs: 50, maxMs: 200 } });
  client.start();
  cleanups.push(() => client.stop());
  return client;
}

const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

it("reassembles netstrings split across reads and several in one read", () => {
  const decoder = new NetstringDecoder();
  const bytes = Buffer.concat([encodeNetstring('{"a":"é"}'), encodeNetstring("second\nline")]);
  expect(decoder.push(bytes.subarray(0, 5))).toEqual([]);
  expect(decoder.push(bytes.subarray(5))).toEqual(['{"a":"é"}', "second\nline"]);
  expect(() => new NetstringDecoder().push(Buffer.from("12x:abc,"))).toThrow();
  expect(() => new NetstringDecoder().push(Buffer.from("3:abcd"))).toThrow();
});

it("reliability: malformed, unknown and out-of-protocol messages are dropped; the next good one still arrives", async () => {
  const fake = await fakeEvapi();
  const events: KamailioEvent[] = [];
  clientOn(fake.port, events);
  const kamailio = await fake.peer();
  kamailio.write(encodeNetstring("not json {"));
  kamailio.write(encodeNetstring(JSON.stringify({ type: "call.teleport", callId: "x" })));
  kamailio.write(encodeNetstring(JSON.stringify({ type: "call.queued", callId: "x", tindex: -1, tlabel: 1, queueNumber: "100", from: "1", fromName: "" })));
  kamailio.write(encodeNetstring(JSON.stringify({ type: "dialog.start", callId: "c1", extra: "field" })));
  kamailio.write(encodeNetstring(JSON.stringify({ type: "dialog.end", callId: "c1" })));
  await until(() => events.length > 0);
  expect(events).toEqual([{ type: "dialog.end", callId: "c1" }]);
});

it("reliability: a stream that cannot be framed is dropped and the client reconnects", async () => {
  const fake = await fakeEvapi();
  const events: KamailioEvent[] = [];
  let connections = 0;
  clientOn(fake.port, events, () => connections++);
  const first = await fake.peer();
  first.write("garbage without a length");
  const second = await fake.peer();
  second.write(encodeNetstring(JSON.stringify({ type: "call.abandoned", callId: "c2" })));
  await until(() => events.length > 0);
  expect(events).toEqual([{ type: "call.abandoned", callId: "c2" }]);
  expect(connections).toBe(2);
});

it("security: commands outside the protocol are never written to Kamailio", async () => {
  const fake = await fakeEvapi();
  const client = clientOn(fake.port, []);
  const kamailio = await fake.peer();
  await until(() => client.connected);
  const ring = { type: "call.ring", callId: "c", tindex: 1, tlabel: 2, target: "sip:u1@example.com", ringSeconds: 5, fromUser: "100", fromName: "Sales", offerId: "a-1" } as const;
  // A header injection through the presented name or the target must not reach the config.
  expect(() => client.send({ ...ring, fromUser: "100\r\nX-Evil: 1" })).toThrow();
  expect(() => client.send({ ...ring, target: "sip:u1@example.com>;evil" })).toThrow();
  expect(client.send(ring)).toBe(true);
  const received: string[] = [];
  const decoder = new NetstringDecoder();
  kamailio.on("data", (chunk) => received.push(...decoder.push(chunk)));
  await until(() => received.length > 0);
  expect(received.map((text) => JSON.parse(text))).toEqual([ring]);
});

it("reliability: reconnects after Kamailio restarts and hears its hello again", async () => {
  let kamailio: TestKamailio = await startKamailio();
  cleanups.push(() => kamailio.stop());
  const port = kamailio.evapiPort;
  const events: KamailioEvent[] = [];
  const client = clientOn(port, events);
  await until(() => events.some((e) => e.type === "kamailio.hello"), 10_000);
  await kamailio.stop();
  await until(() => !client.connected);
  kamailio = await startKamailio({ evapiPort: port });
  // Kamailio relays the hello to every connected client whenever any client connects (the test
  // harness's readiness probe is one), so the restarted Kamailio may greet this client twice.
  await until(() => events.filter((e) => e.type === "kamailio.hello").length >= 2, 15_000);
  expect(client.connected).toBe(true);
});
