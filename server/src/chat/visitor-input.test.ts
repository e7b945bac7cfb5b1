import { trusted } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTeam, nextEvent, request, sleep, type ClientSocket } from "../../test/realtime-fixtures.js";
import { addAgent, connectVisitor, createQueue, nextOffer, visitorOf } from "../../test/routing-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { InteractionModel } from "../routing/interaction.model.js";

/** Acceptance 4: bad input on /visitor and the new dock events is refused with a code and writes nothing. */
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let queueId: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ routingSecondMs: 40, openChatsPerAddress: 1_000 });
  ws = await setUpWorkspace(t.api);
  const team = await addTeam(ws.workspaceId, "Input");
  queueId = (await createQueue(t, ws.token, ws.workspaceId, { name: "Input", channel: "chat", teams: [team], offerTimeoutSeconds: 120 })).id;
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t.close();
});

const long = "x".repeat(2_001);
const BAD_TEXTS: unknown[] = [undefined, null, "", "   ", long, 42, true, [], {}, ["hi"], { $gt: "" }, { text: "nested" }];

describe("security: malformed payloads are acked with codes and write nothing", () => {
  it("security: /visitor chat:start, chat:send, chat:typing, chat:close", async () => {
    const before = await InteractionModel.countDocuments();
    const v = await visitorOf(t.url, ws.workspaceId, queueId);
    sockets.push(v.socket);
    const codes: string[] = [];
    const bodies: unknown[] = [
      ...BAD_TEXTS.map((text) => ({ text })),
      { text: "hi", extra: 1 },
      { text: "hi", email: "not-an-email" },
      { text: "hi", email: { $ne: null } },
      { text: "hi", name: "" },
      { text: "hi", name: "n".repeat(101) },
      { text: "hi", $where: "1" },
      "just a string",
      42,
      null,
      [],
    ];
    for (const body of bodies) {
      const ack = await request(v.socket, "chat:start", body);
      expect(ack.ok, JSON.stringify(body)).toBe(false);
      codes.push(ack.error.code);
      await sleep(210); // stay under the message rate: this is about validation
    }
    // No chat yet: sending, typing and closing need one; then bad bodies with a chat open.
    for (const [event, body] of [["chat:send", { text: "hi" }], ["chat:typing", { typing: true }], ["chat:close", {}]] as const) {
      const ack = await request(v.socket, event, body);
      codes.push(ack.error.code);
    }
    await v.start("a real question");
    for (const body of [...BAD_TEXTS.map((text) => ({ text })), { text: "ok", more: 1 }]) {
      const ack = await request(v.socket, "chat:send", body);
      expect(ack.ok, JSON.stringify(body)).toBe(false);
      codes.push(ack.error.code);
      await sleep(210);
    }
    for (const body of [{ typing: "yes" }, {}, { typing: true, x: 1 }, null]) codes.push((await request(v.socket, "chat:typing", body)).error.code);
    for (const body of [{ now: true }, "x"]) codes.push((await request(v.socket, "chat:close", body)).error.code);
    // With the handshake and dock cases below, well over the 50 malformed payloads of acceptance 4.
    expect(codes.length).toBeGreaterThanOrEqual(40);
    expect(new Set(codes)).toEqual(new Set(["VALIDATION_FAILED", "CONFLICT"]));
    // Only the one real chat was written, with its one message.
    expect(await InteractionModel.countDocuments()).toBe(before + 1);
    const doc = await InteractionModel.findOne({ queueId }).sort({ _id: -1 }).lean();
    expect(doc!.messages.map((m) => m.text)).toEqual(["a real question"]);
    console.log(`malformed /visitor payloads refused: ${codes.length}`);
  });

  it("security: the /visitor handshake is strict", async () => {
    const cases = [
      {},
      { workspaceId: ws.workspaceId },
      { workspaceId: ws.workspaceId, queueId: "nope" },
      { workspaceId: ws.workspaceId, queueId, visitorToken: "short" },
      { workspaceId: ws.workspaceId, queueId, extra: 1 },
      { workspaceId: ws.workspaceId, queueId: "f".repeat(24) },
      { workspaceId: "f".repeat(24), queueId },
    ];
    for (const auth of cases) {
      const err = await connectVisitor(t.url, auth).then(
        (socket) => (socket.close(), null),
        (e: Error & { data?: { code: string } }) => e,
      );
      expect(err?.data?.code, JSON.stringify(auth)).toBe("VALIDATION_FAILED");
    }
  });

  it("security: new dock events refuse malformed bodies and other agents' offers and chats", async () => {
    const team = await addTeam(ws.workspaceId, "Dock input");
    const { id: q } = await createQueue(t, ws.token, ws.workspaceId, { name: "Dock input", channel: "chat", teams: [team], offerTimeoutSeconds: 120 });
    const ana = await addAgent(t, ws.workspaceId, { name: "Ana Input", teams: [team] });
    const eve = await addAgent(t, ws.workspaceId, { name: "Eve Other", teams: [team], available: false });
    sockets.push(ana.dock, eve.dock);
    const v = await visitorOf(t.url, ws.workspaceId, q);
    sockets.push(v.socket);
    const offer = nextOffer(ana.dock);
    const { interactionId } = await v.start("hello");
    const { offerId } = await offer;
    const before = JSON.stringify(await InteractionModel.findById(interactionId).lean());
    const cases: Array<[string, unknown, string]> = [
      ["offer:accept", {}, "VALIDATION_FAILED"],
      ["offer:accept", { offerId: 1 }, "VALIDATION_FAILED"],
      ["offer:accept", { offerId: "" }, "VALIDATION_FAILED"],
      ["offer:accept", { offerId: "x".repeat(65) }, "VALIDATION_FAILED"],
      ["offer:accept", { offerId, extra: true }, "VALIDATION_FAILED"],
      ["offer:accept", { offerId: "unknown" }, "NOT_FOUND"],
      ["offer:decline", { offerId: { $ne: "" } }, "VALIDATION_FAILED"],
      ["offer:decline", null, "VALIDATION_FAILED"],
      ["chat:send", { interactionId, text: long }, "VALIDATION_FAILED"],
      ["chat:send", { interactionId, text: "" }, "VALIDATION_FAILED"],
      ["chat:send", { interactionId: "nope", text: "hi" }, "VALIDATION_FAILED"],
      ["chat:send", { text: "hi" }, "VALIDATION_FAILED"],
      ["chat:typing", { interactionId, typing: "yes" }, "VALIDATION_FAILED"],
      ["interaction:close", { interactionId: 5 }, "VALIDATION_FAILED"],
      ["interaction:close", {}, "VALIDATION_FAILED"],
      ["wrapup:done", { now: true }, "VALIDATION_FAILED"],
    ];
    for (const [event, body, code] of cases) {
      const ack = await request(ana.dock, event, body);
      expect(ack.ok, `${event} ${JSON.stringify(body)}`).toBe(false);
      expect(ack.error.code, `${event} ${JSON.stringify(body)}`).toBe(code);
    }
    // Someone else's offer and chat: not found, nothing moves.
    expect((await request(eve.dock, "offer:accept", { offerId })).error.code).toBe("NOT_FOUND");
    expect((await request(eve.dock, "offer:decline", { offerId })).error.code).toBe("NOT_FOUND");
    expect(JSON.stringify(await InteractionModel.findById(interactionId).lean())).toBe(before);
    expect((await request(ana.dock, "offer:accept", { offerId })).ok).toBe(true);
    expect((await request(eve.dock, "chat:send", { interactionId, text: "sneaky" })).error.code).toBe("NOT_FOUND");
    expect((await request(eve.dock, "interaction:close", { interactionId })).error.code).toBe("NOT_FOUND");
  });

  it("security: a visitor sending 100 messages a second is throttled with RATE_LIMITED; text stays text", async () => {
    const v = await visitorOf(t.url, ws.workspaceId, queueId);
    sockets.push(v.socket);
    await v.start("<img src=x onerror=alert(1)>");
    await sleep(1_100);
    const acks = await Promise.all(Array.from({ length: 100 }, (_, i) => request(v.socket, "chat:send", { text: `m${i}` })));
    const accepted = acks.filter((a) => a.ok).length;
    const limited = acks.filter((a) => !a.ok && a.error.code === "RATE_LIMITED").length;
    console.log(`100 messages in a burst: ${accepted} accepted, ${limited} throttled`);
    expect(accepted).toBeLessThanOrEqual(5);
    expect(limited).toBe(100 - accepted);
    const doc = await InteractionModel.findOne({ "messages.text": "<img src=x onerror=alert(1)>" }).lean();
    expect(doc!.messages[0]!.text).toBe("<img src=x onerror=alert(1)>");
  });

  it("security: at most 3 open chats per address (counting this file's earlier ones as already open)", async () => {
    const open = await InteractionModel.countDocuments({ state: trusted({ $in: ["queued", "offered", "connected"] }) });
    t.deps.config.openChatsPerAddress = open + 3;
    try {
      const visitors = await Promise.all([1, 2, 3, 4].map(() => visitorOf(t.url, ws.workspaceId, queueId)));
      sockets.push(...visitors.map((v) => v.socket));
      for (const v of visitors.slice(0, 3)) await v.start("one of three");
      const fourth = await request(visitors[3]!.socket, "chat:start", { text: "one too many" });
      expect(fourth).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
      await request(visitors[0]!.socket, "chat:close", {});
      await sleep(1_100);
      expect((await request(visitors[3]!.socket, "chat:start", { text: "now there is room" })).ok).toBe(true);
    } finally {
      t.deps.config.openChatsPerAddress = 1_000;
    }
  });
});

describe("a visitor after their chat ended", () => {
  it("starts a new chat on the same socket once the agent closed the last one, never while it is open", async () => {
    const team = await addTeam(ws.workspaceId, "Next chat");
    const { id: queueId } = await createQueue(t, ws.token, ws.workspaceId, { name: "Next chat", channel: "chat", teams: [team], offerTimeoutSeconds: 50, wrapUpSeconds: 0 });
    const ana = await addAgent(t, ws.workspaceId, { name: "Ana Next", teams: [team] });
    const v = await visitorOf(t.url, ws.workspaceId, queueId);
    sockets.push(ana.dock, v.socket);

    const offer = nextOffer(ana.dock);
    const first = await v.start("first question");
    expect((await request(ana.dock, "offer:accept", { offerId: (await offer).offerId })).ok).toBe(true);
    expect(await request(v.socket, "chat:start", { text: "while open" })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });

    const closed = nextEvent(v.socket, "chat:closed");
    expect((await request(ana.dock, "interaction:close", { interactionId: first.interactionId })).ok).toBe(true);
    expect(await closed).toEqual({ by: "agent" });

    const secondOffer = nextOffer(ana.dock);
    const second = await v.start("second question");
    expect(second.interactionId).not.toBe(first.interactionId);
    expect((await secondOffer).interactionId).toBe(second.interactionId);
    // The socket now speaks for the new chat only.
    const sent = await request(v.socket, "chat:send", { text: "more on the second" });
    expect(sent.ok).toBe(true);
  });
});
