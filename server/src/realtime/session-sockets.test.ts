import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../auth/sessions.service.js";
import { addMember, connect, disconnection, nextEvent, refusalOf, sleep, type ClientSocket } from "../../test/realtime-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

/** Issue 10, item 11 (a, c): sockets hold no more than their session does. */
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
const open: ClientSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ sessionCheckMs: 50 });
  ws = await setUpWorkspace(t.api);
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await t.close();
});

describe("socket sessions", () => {
  it("security: the handshake refuses unknown keys in auth, as REST refuses unknown fields", async () => {
    const agent = await addMember(ws.workspaceId, { name: "Kim Keys", roles: ["agent"], teams: [ws.teamId] });
    const refused = await refusalOf(connect(t.url, "/dock", { token: agent.token, workspaceId: ws.workspaceId, ...({ role: "admin" } as object) }));
    expect(refused).toMatchObject({ message: "VALIDATION_FAILED", data: { code: "VALIDATION_FAILED" } });
    const fine = await connect(t.url, "/dock", { token: agent.token, workspaceId: ws.workspaceId });
    open.push(fine);
    expect(fine.connected).toBe(true);
  });

  it("security: a socket ends with session:revoked `expired` when its session expires; others stay", async () => {
    const agent = await addMember(ws.workspaceId, { name: "Eve Expiring", roles: ["agent"], teams: [ws.teamId] });
    // Both sessions on the server's (movable) clock: one lasts a day, the other thirty.
    const shortToken = await createSession(agent.userId, t.clock, 1);
    const longToken = await createSession(agent.userId, t.clock, 30);
    const short = await connect(t.url, "/dock", { token: shortToken, workspaceId: ws.workspaceId });
    const long = await connect(t.url, "/dock", { token: longToken, workspaceId: ws.workspaceId });
    const watcher = await connect(t.url, "/console", { token: ws.token, workspaceId: ws.workspaceId });
    open.push(short, long, watcher);
    await sleep(200);
    expect(short.connected).toBe(true);

    const ended = nextEvent(short, "session:revoked");
    const gone = disconnection(short);
    t.clock.advance(86_400_000 + 1_000);
    expect(await ended).toEqual({ reason: "expired" });
    expect(await gone).toBe("io server disconnect");
    await sleep(300);
    expect(long.connected).toBe(true);
    // The admin's session (setup: 30 days) has not expired either.
    expect(watcher.connected).toBe(true);
  });
});
