import type { Presence } from "@switchboard/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTeam, connect, nextEvent, record, request, sleep, type ClientSocket } from "../../test/realtime-fixtures.js";
import { addAgent, createQueue, nextOffer, noOfferWithin, setStatus, visitorOf, type TestAgent } from "../../test/routing-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { InteractionModel } from "./interaction.model.js";

/** One "second" of queue timing is 40 ms here: a 5 s offer timeout rings for 200 ms. */
const SECOND_MS = 40;

let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
const docks: ClientSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ routingSecondMs: SECOND_MS, presenceGraceMs: 300, openChatsPerAddress: 1_000 });
  ws = await setUpWorkspace(t.api);
});
afterAll(async () => {
  for (const dock of docks) dock.close();
  await t.close();
});

/** Each test gets a team and queue of its own, so agents of other tests never qualify. */
async function scene(queue: Record<string, unknown> = {}) {
  const team = await addTeam(ws.workspaceId, `Team ${Math.random().toString(36).slice(2, 8)}`);
  const { id: queueId } = await createQueue(t, ws.token, ws.workspaceId, { name: `Chat ${team}`, channel: "chat", teams: [team], offerTimeoutSeconds: 5, wrapUpSeconds: 5, ...queue });
  const agent = async (name: string, extra: Parameters<typeof addAgent>[2] extends infer I ? Partial<I> : never = {}) => {
    const added = await addAgent(t, ws.workspaceId, { name, teams: [team], ...extra });
    docks.push(added.dock);
    return added;
  };
  const visitor = () => visitorOf(t.url, ws.workspaceId, queueId);
  return { team, queueId, agent, visitor };
}

const accept = (agent: TestAgent, offerId: string) => request(agent.dock, "offer:accept", { offerId });

describe("a chat from the widget to an agent and back", () => {
  it("offers the longest-idle agent, connects on accept, carries messages both ways in order, ends with wrap-up, then offers again", async () => {
    const { agent, visitor } = await scene();
    const ana = await agent("Ana Long");
    await sleep(20);
    const bo = await agent("Bo Short");
    const v = await visitor();
    const queued = nextEvent(v.socket, "chat:queued");
    const offer = nextOffer(ana.dock);
    const started = await v.start("Hello, my order is late", { name: "Cleo Customer", email: "cleo@example.com" });
    expect(started.position).toBe(1);
    expect(started.visitorToken.length).toBeGreaterThan(30);
    const got = await offer;
    expect(await queued).toEqual({ position: 1 });
    expect(got).toMatchObject({ interactionId: started.interactionId, kind: "chat", display: { name: "Cleo Customer", email: "cleo@example.com" }, preview: "Hello, my order is late" });

    const joined = nextEvent(v.socket, "chat:joined");
    const accepted = await accept(ana, got.offerId);
    expect(accepted.ok).toBe(true);
    expect(accepted.data).toMatchObject({ state: "connected", agent: { id: ana.userId }, messages: [{ from: "visitor", text: "Hello, my order is late" }] });
    expect(await joined).toEqual({ agentName: "Ana" });
    await expect.poll(async () => (await request(ana.dock, "presence:set", { status: "available" })).data.activeChats).toBe(1);

    const toVisitor = record(v.socket, "chat:message");
    const toAgent = record(ana.dock, "chat:message");
    for (const text of ["one", "two", "three"]) expect((await request(ana.dock, "chat:send", { interactionId: started.interactionId, text })).ok).toBe(true);
    for (const text of ["a", "b"]) expect((await request(v.socket, "chat:send", { text })).ok).toBe(true);
    await expect.poll(() => toVisitor.length).toBe(5);
    expect(toVisitor.filter((m) => m.message.from === "agent").map((m) => m.message.text)).toEqual(["one", "two", "three"]);
    // The agent's docks get every message of the chat (several docks stay in step), theirs included.
    await expect.poll(() => toAgent.length).toBe(5);
    expect(toAgent.filter((m) => m.message.from === "visitor").map((m) => m.message.text)).toEqual(["a", "b"]);

    // Another agent's dock cannot write into, or close, Ana's chat.
    expect((await request(bo.dock, "chat:send", { interactionId: started.interactionId, text: "hi" })).error.code).toBe("NOT_FOUND");
    expect((await request(bo.dock, "interaction:close", { interactionId: started.interactionId })).error.code).toBe("NOT_FOUND");

    const closed = nextEvent(v.socket, "chat:closed");
    const wrap = nextEvent<Presence>(ana.dock, "presence:changed", (p) => p.wrapUpUntil !== undefined);
    const ended = await request(ana.dock, "interaction:close", { interactionId: started.interactionId });
    expect(ended.data).toMatchObject({ state: "wrapup", closedBy: "agent" });
    expect(await closed).toEqual({ by: "agent" });
    expect((await wrap).activeChats).toBe(0);

    // In wrap-up Ana is skipped even though she idled longest; after it she is offered again.
    const v2 = await visitor();
    const boOffer = nextOffer(bo.dock);
    await v2.start("second");
    const second = await boOffer;
    expect((await request(bo.dock, "offer:decline", { offerId: second.offerId })).ok).toBe(true);
    const anaAgain = await nextOffer(ana.dock, 3_000);
    expect(anaAgain.interactionId).toBe(second.interactionId);
    const doc = await InteractionModel.findById(started.interactionId).lean();
    expect(doc).toMatchObject({ state: "closed", closedBy: "agent" });
    expect(doc!.messages.map((m) => m.text)).toEqual(["Hello, my order is late", "one", "two", "three", "a", "b"]);
  });

  it("wrapup:done ends wrap-up at once", async () => {
    const { agent, visitor } = await scene({ wrapUpSeconds: 600 });
    const ana = await agent("Ana Done");
    const v = await visitor();
    const offer = nextOffer(ana.dock);
    const { interactionId } = await v.start("hi");
    await accept(ana, (await offer).offerId);
    await request(ana.dock, "interaction:close", { interactionId });
    const v2 = await visitor();
    await v2.start("next");
    await noOfferWithin(ana.dock, 300);
    const next = nextOffer(ana.dock);
    const done = await request(ana.dock, "wrapup:done", {});
    expect(done).toEqual({ ok: true, data: { wrapUpUntil: null } });
    expect((await next).kind).toBe("chat");
  });

  it("the visitor ending a connected chat tells the agent and starts their wrap-up; ending a queued one abandons it", async () => {
    const { agent, visitor } = await scene();
    const ana = await agent("Ana Left");
    const v = await visitor();
    const offer = nextOffer(ana.dock);
    const { interactionId } = await v.start("bye soon");
    await accept(ana, (await offer).offerId);
    const changed = nextEvent(ana.dock, "interaction:changed", (i) => i.id === interactionId && i.state === "wrapup");
    expect((await request(v.socket, "chat:close", {})).ok).toBe(true);
    expect(await changed).toMatchObject({ closedBy: "visitor" });

    await setStatus(ana.dock, "away");
    const lone = await visitor();
    const { interactionId: lonely } = await lone.start("anyone?");
    await request(lone.socket, "chat:close", {});
    expect(await InteractionModel.findById(lonely).lean()).toMatchObject({ state: "abandoned", closedBy: "visitor" });
  });

  it("a reload with the visitor token continues the same chat with its transcript", async () => {
    const { visitor, queueId } = await scene();
    const v = await visitor();
    const { interactionId, visitorToken } = await v.start("remember me");
    v.socket.close();
    const again = await visitorOf(t.url, ws.workspaceId, queueId, visitorToken);
    const resumed = await nextEvent(again.socket, "chat:resumed").catch(() => null);
    // The resume may have been sent before the listener: ask by sending, which needs the chat.
    const sent = await request(again.socket, "chat:send", { text: "still here" });
    expect(sent.ok).toBe(true);
    const doc = await InteractionModel.findById(interactionId).lean();
    expect(doc!.messages.map((m) => m.text)).toEqual(["remember me", "still here"]);
    if (resumed) expect(resumed).toMatchObject({ interactionId, state: "queued", position: 1 });
    again.socket.close();
  });
});

describe("offers move on", () => {
  it("a timeout moves the offer to the next agent and sets the first away/missed when autoPauseNoAnswer is on; watchers see it", async () => {
    const { agent, visitor } = await scene();
    const ana = await agent("Ana Slow", { settings: { autoPauseNoAnswer: true } });
    await sleep(20);
    const bo = await agent("Bo Quick");
    const watcher = await connect(t.url, "/console", { token: ws.token, workspaceId: ws.workspaceId });
    docks.push(watcher);
    const missed = nextEvent<Presence>(watcher, "presence:changed", (p) => p.userId === ana.userId && p.awayReason === "missed");
    const v = await visitor();
    const first = nextOffer(ana.dock);
    const cancelled = nextEvent(ana.dock, "offer:cancelled");
    await v.start("hello?");
    const offer = await first;
    const boOffer = await nextOffer(bo.dock, 3_000);
    expect(boOffer.interactionId).toBe(offer.interactionId);
    expect(await cancelled).toEqual({ offerId: offer.offerId, reason: "timeout" });
    expect(await missed).toMatchObject({ status: "away", cause: "missed" });
    // Too late: the offer is gone.
    expect((await accept(ana, offer.offerId)).error.code).toBe("CONFLICT");
    expect((await accept(bo, boOffer.offerId)).ok).toBe(true);
    const doc = await InteractionModel.findById(offer.interactionId).lean();
    expect(doc!.offers.map((o) => o.outcome)).toEqual(["timeout", "accepted"]);
  });

  it("without autoPauseNoAnswer a timeout leaves the agent available", async () => {
    const { agent, visitor } = await scene();
    const ana = await agent("Ana Stays");
    const v = await visitor();
    const offer = nextOffer(ana.dock);
    await v.start("hi");
    await offer;
    const cancelled = await nextEvent(ana.dock, "offer:cancelled", () => true, 3_000);
    expect(cancelled.reason).toBe("timeout");
    const presence = await request(ana.dock, "chat:state", { activeChats: 0 });
    expect(presence.data.status).toBe("available");
  });

  it("a decline goes to the next agent; nobody is offered twice before everyone eligible was tried", async () => {
    const { agent, visitor } = await scene({ offerTimeoutSeconds: 120 });
    const agents = [await agent("A One"), await agent("B Two"), await agent("C Three")];
    const v = await visitor();
    const offers = agents.map((a) => record(a.dock, "offer:new"));
    await v.start("who wants me");
    const order: string[] = [];
    for (let round = 0; round < 4; round++) {
      await expect.poll(() => offers.flat().length).toBe(round + 1);
      const holder = agents.findIndex((_, i) => offers[i]!.length > order.filter((o) => o === agents[i]!.userId).length);
      order.push(agents[holder]!.userId);
      expect((await request(agents[holder]!.dock, "offer:decline", { offerId: offers[holder]!.at(-1).offerId })).ok).toBe(true);
    }
    expect(new Set(order.slice(0, 3)).size).toBe(3);
  });

  it("going away cancels the ringing offer and moves it on", async () => {
    const { agent, visitor } = await scene({ offerTimeoutSeconds: 120 });
    const ana = await agent("Ana Away");
    await sleep(20);
    const bo = await agent("Bo Here");
    const v = await visitor();
    const offer = nextOffer(ana.dock);
    await v.start("hi");
    await offer;
    const cancelled = nextEvent(ana.dock, "offer:cancelled");
    const boOffer = nextOffer(bo.dock);
    await setStatus(ana.dock, "away");
    expect((await cancelled).reason).toBe("away");
    expect((await boOffer).kind).toBe("chat");
  });

  it("going offline cancels the ringing offer and moves it on", async () => {
    const { agent, visitor } = await scene({ offerTimeoutSeconds: 120 });
    const ana = await agent("Ana Gone");
    await sleep(20);
    const bo = await agent("Bo Stays");
    const v = await visitor();
    const offer = nextOffer(ana.dock);
    await v.start("hi");
    const { interactionId } = await offer;
    const boOffer = nextOffer(bo.dock);
    ana.dock.close();
    expect((await boOffer).interactionId).toBe(interactionId);
    const doc = await InteractionModel.findById(interactionId).lean();
    expect(doc!.offers[0]!.outcome).toBe("cancelled");
  });

  it("an agent offline past the grace period gives their open chat back to the front of the queue", async () => {
    const { agent, visitor } = await scene();
    const ana = await agent("Ana Drops", { settings: { chatsPerUser: 1 } });
    const v = await visitor();
    const offer = nextOffer(ana.dock);
    const { interactionId } = await v.start("first in line");
    await accept(ana, (await offer).offerId);
    const w = await visitor();
    await w.start("second in line");
    const back = nextEvent(v.socket, "chat:message", (m) => m.message.from === "system", 5_000);
    ana.dock.close();
    expect((await back).message.text).toMatch(/back at the front/);
    const bo = await agent("Bo Next", { settings: { chatsPerUser: 1 } });
    const boOffer = await nextOffer(bo.dock);
    expect(boOffer.interactionId).toBe(interactionId);
  });
});
