import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTeam, nextEvent, request, type ClientSocket } from "../../test/realtime-fixtures.js";
import { addAgent, createQueue, nextOffer, visitorOf } from "../../test/routing-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

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
