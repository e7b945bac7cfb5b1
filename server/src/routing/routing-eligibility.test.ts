import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTeam, request, sleep, type ClientSocket } from "../../test/realtime-fixtures.js";
import { addAgent, createQueue, nextOffer, noOfferWithin, visitorOf } from "../../test/routing-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { routerOf } from "./router.js";

/**
 * Acceptance 3: each eligibility rule of DESIGN.md §10 on its own, end to end (the pure
 * function's table is in shared/src/routing/eligibility.test.ts).
 */
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ routingSecondMs: 40, openChatsPerAddress: 1_000 });
  ws = await setUpWorkspace(t.api);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t.close();
});

async function scene(queue: Record<string, unknown> = {}) {
  const team = await addTeam(ws.workspaceId, `Team ${Math.random().toString(36).slice(2, 8)}`);
  const chat = await createQueue(t, ws.token, ws.workspaceId, { name: `Chat ${team}`, channel: "chat", teams: [team], offerTimeoutSeconds: 120, ...queue });
  const phone = await createQueue(t, ws.token, ws.workspaceId, { name: `Phone ${team}`, channel: "phone", number: String(Date.now()).slice(-9), teams: [team], offerTimeoutSeconds: 120 });
  const agent = async (name: string, extra: Record<string, unknown> = {}) => {
    const added = await addAgent(t, ws.workspaceId, { name, teams: [team], ...extra });
    sockets.push(added.dock);
    return added;
  };
  const chatArrives = async (text = "hello") => {
    const v = await visitorOf(t.url, ws.workspaceId, chat.id);
    sockets.push(v.socket);
    return v.start(text);
  };
  const callArrives = async () => {
    const router = routerOf(t.deps);
    const queue = (await router.queues.get(ws.workspaceId, phone.id))!;
    return router.conversations.enqueueCall({ queue, number: "+14155550123", name: "Caller" });
  };
  return { team, agent, chatArrives, callArrives };
}

describe("eligibility, rule by rule", () => {
  it("channel phone gets no chat (and channel chat no call)", async () => {
    const { agent, chatArrives, callArrives } = await scene();
    const phoneOnly = await agent("Pat Phone", { settings: { channel: "phone" } });
    const chatOnly = await agent("Cat Chat", { settings: { channel: "chat" } });
    const chatOffer = nextOffer(chatOnly.dock);
    await chatArrives();
    expect((await chatOffer).kind).toBe("chat");
    await noOfferWithin(phoneOnly.dock, 300);
    const callOffer = nextOffer(phoneOnly.dock);
    await callArrives();
    expect((await callOffer).kind).toBe("call");
  });

  it("simultaneous handling off: no chat while on a call (onCall from the interaction)", async () => {
    const { agent, chatArrives, callArrives } = await scene();
    const ana = await agent("Ana Caller");
    const offer = nextOffer(ana.dock);
    await callArrives();
    const accepted = await request(ana.dock, "offer:accept", { offerId: (await offer).offerId });
    expect(accepted.data).toMatchObject({ kind: "call", state: "connected" });
    await expect.poll(async () => (await request(ana.dock, "chat:state", { activeChats: 0 })).data.onCall).toBe(true);
    await chatArrives();
    await noOfferWithin(ana.dock, 400);
    // Hanging up (here: the agent ends it) frees her: the waiting chat is offered.
    const next = nextOffer(ana.dock, 3_000);
    await request(ana.dock, "interaction:close", { interactionId: accepted.data.id });
    await request(ana.dock, "wrapup:done", {});
    expect((await next).kind).toBe("chat");
  });

  it("simultaneous handling off: no call offer while a chat is open; on: both", async () => {
    const { agent, chatArrives, callArrives } = await scene();
    const ana = await agent("Ana Chatter", { settings: { chatsPerUser: 1 } });
    const offer = nextOffer(ana.dock);
    await chatArrives();
    await request(ana.dock, "offer:accept", { offerId: (await offer).offerId });
    await callArrives();
    await noOfferWithin(ana.dock, 400);
    const bo = await agent("Bo Both", { settings: { simultaneousChannelHandling: true } });
    const boChat = nextOffer(bo.dock, 3_000);
    // Bo takes the waiting call; with simultaneous handling on he still gets a chat.
    const call = await boChat;
    expect(call.kind).toBe("call");
    await request(bo.dock, "offer:accept", { offerId: call.offerId });
    const chatForBo = nextOffer(bo.dock, 3_000);
    await chatArrives();
    expect((await chatForBo).kind).toBe("chat");
  });

  it("skills: every required one; languages: at least one", async () => {
    const { agent, chatArrives } = await scene({ skills: ["billing", "vip"], languages: ["pt", "es"] });
    const noVip = await agent("No Vip", { skills: ["billing"], languages: ["pt"] });
    const noLanguage = await agent("No Lang", { skills: ["billing", "vip"], languages: ["en"] });
    await sleep(20);
    const fits = await agent("Fits All", { skills: ["VIP", "billing"], languages: ["es"] });
    const offer = nextOffer(fits.dock);
    await chatArrives();
    expect((await offer).kind).toBe("chat");
    await Promise.all([noOfferWithin(noVip.dock, 300), noOfferWithin(noLanguage.dock, 300)]);
  });

  it("wrap-up blocks offers until it ends", async () => {
    const { agent, chatArrives } = await scene({ wrapUpSeconds: 25 });
    const ana = await agent("Ana Wraps");
    const offer = nextOffer(ana.dock);
    await chatArrives();
    const { data } = await request(ana.dock, "offer:accept", { offerId: (await offer).offerId });
    const closed = await request(ana.dock, "interaction:close", { interactionId: data.id });
    expect(closed.data.state).toBe("wrapup");
    const started = Date.now();
    const next = nextOffer(ana.dock, 5_000);
    await chatArrives();
    await next;
    // 25 "seconds" of 40 ms: no offer before the wrap-up's 1 s were over.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("chat capacity: no more chats than chatsPerUser at once", async () => {
    const { agent, chatArrives } = await scene();
    const ana = await agent("Ana Two", { settings: { chatsPerUser: 2 } });
    const offers: string[] = [];
    ana.dock.on("offer:new", (o: { offerId: string }) => offers.push(o.offerId));
    await Promise.all([chatArrives("1"), chatArrives("2"), chatArrives("3")]);
    await expect.poll(() => offers.length).toBe(2);
    await sleep(300);
    expect(offers).toHaveLength(2);
    await Promise.all(offers.map((offerId) => request(ana.dock, "offer:accept", { offerId })));
    await sleep(200);
    expect(offers).toHaveLength(2);
  });
});
