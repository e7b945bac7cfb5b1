import { MIN_PROTOCOL_VERSION } from "@switchboard/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, connect, disconnection, nextEvent, record, refusalOf, sleep, type ClientSocket } from "../../test/realtime-fixtures.js";
import { ADMIN, setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let agent: Awaited<ReturnType<typeof addMember>>;
let viewer: Awaited<ReturnType<typeof addMember>>;
const open: ClientSocket[] = [];

const dockOf = async (token: string, extra: Record<string, unknown> = {}) => {
  const socket = await connect(t.url, "/dock", { token, workspaceId: ws.workspaceId, ...extra });
  open.push(socket);
  return socket;
};

beforeAll(async () => {
  t = await startTestServer({ presenceGraceMs: 300 });
  ws = await setUpWorkspace(t.api);
  agent = await addMember(ws.workspaceId, { name: "Alan Agent", roles: ["agent"], teams: [ws.teamId] });
  viewer = await addMember(ws.workspaceId, { name: "Vera Viewer", roles: ["viewer"], teams: [ws.teamId] });
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await t.close();
});

describe("handshake", () => {
  it("security: refuses a missing or unknown token with UNAUTHENTICATED", async () => {
    const missing = await refusalOf(connect(t.url, "/dock", { workspaceId: ws.workspaceId }));
    expect(missing.message).toBe("UNAUTHENTICATED");
    const unknown = await refusalOf(connect(t.url, "/dock", { token: "x".repeat(43), workspaceId: ws.workspaceId }));
    expect(unknown).toMatchObject({ message: "UNAUTHENTICATED", data: { code: "UNAUTHENTICATED", message: expect.any(String) } });
  });

  it("security: refuses a token that was logged out", async () => {
    const { token } = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body;
    expect((await t.api.post("/api/auth/logout", undefined, { token })).status).toBe(204);
    expect((await refusalOf(connect(t.url, "/dock", { token, workspaceId: ws.workspaceId }))).message).toBe("UNAUTHENTICATED");
  });

  it("refuses an outdated protocol version with a stable reason and the minimum it needs", async () => {
    const old = await refusalOf(connect(t.url, "/dock", { token: agent.token, workspaceId: ws.workspaceId, protocolVersion: MIN_PROTOCOL_VERSION - 1 }));
    expect(old).toEqual({ message: "PROTOCOL_OUTDATED", data: expect.objectContaining({ code: "PROTOCOL_OUTDATED", minProtocolVersion: MIN_PROTOCOL_VERSION }) });
  });

  it("refuses a malformed handshake", async () => {
    const bad = await refusalOf(connect(t.url, "/dock", { token: agent.token, workspaceId: "not-an-id" }));
    expect(bad.message).toBe("VALIDATION_FAILED");
  });

  it("security: refuses a workspace the user is not a member of", async () => {
    const other = await refusalOf(connect(t.url, "/dock", { token: agent.token, workspaceId: "0123456789abcdef01234567" }));
    expect(other.message).toBe("FORBIDDEN");
  });

  it("security: an agent cannot open the console namespace, but can open the dock", async () => {
    const refused = await refusalOf(connect(t.url, "/console", { token: agent.token, workspaceId: ws.workspaceId }));
    expect(refused).toMatchObject({ message: "FORBIDDEN", data: { message: expect.stringContaining("console.use") } });
    expect((await dockOf(agent.token)).connected).toBe(true);
  });

  it("security: a viewer may watch from the console but not open a dock", async () => {
    expect((await refusalOf(connect(t.url, "/dock", { token: viewer.token, workspaceId: ws.workspaceId }))).message).toBe("FORBIDDEN");
    const console = await connect(t.url, "/console", { token: viewer.token, workspaceId: ws.workspaceId });
    open.push(console);
    expect(console.connected).toBe(true);
  });

  it("security: the console's session cookie works from our own origin only", async () => {
    const cookie = `sb_session=${ws.token}`;
    const same = await connect(t.url, "/console", { workspaceId: ws.workspaceId, extraHeaders: { cookie, origin: t.url } });
    open.push(same);
    expect(same.connected).toBe(true);
    const foreign = await refusalOf(connect(t.url, "/console", { workspaceId: ws.workspaceId, extraHeaders: { cookie, origin: "https://evil.example" } }));
    expect(foreign.message).toBe("UNAUTHENTICATED");
  });
});

describe("requests", () => {
  it("acks a malformed body with VALIDATION_FAILED and the field path, never throwing", async () => {
    const dock = await dockOf(agent.token);
    const ack = await dock.timeout(5_000).emitWithAck("chat:state", { activeChats: -1, extra: true });
    expect(ack.ok).toBe(false);
    expect(ack.error.code).toBe("VALIDATION_FAILED");
    expect(ack.error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(["activeChats"]));
    expect(dock.connected).toBe(true);
  });
});

describe("live sync", () => {
  it("pushes new effective settings only to the docks of the members concerned", async () => {
    const other = await addMember(ws.workspaceId, { name: "Olga Other", roles: ["agent"], teams: [ws.teamId] });
    const mine = [await dockOf(agent.token), await dockOf(agent.token)];
    const theirs = await dockOf(other.token);
    const theirEvents = record(theirs, "settings:changed");
    const received = Promise.all(mine.map((dock) => nextEvent(dock, "settings:changed")));
    t.deps.events.emit("settings.changed", { workspaceId: ws.workspaceId, userIds: [agent.userId] });
    for (const payload of await received) {
      expect(payload.workspaceId).toBe(ws.workspaceId);
      expect(payload.settings).toMatchObject({ channel: expect.any(String), chatsPerUser: expect.any(Number) });
    }
    await sleep(200);
    expect(theirEvents).toEqual([]);

    const everyone = nextEvent(theirs, "settings:changed");
    t.deps.events.emit("settings.changed", { workspaceId: ws.workspaceId, userIds: "all" });
    expect((await everyone).workspaceId).toBe(ws.workspaceId);
  });

  it("a settings change made through the API reaches the dock with the new value", async () => {
    const dock = await dockOf(agent.token);
    const pushed = nextEvent(dock, "settings:changed", (p) => p.settings.chatsPerUser === 4);
    const put = await t.api.put(`/api/workspaces/${ws.workspaceId}/settings`, { settings: { chatsPerUser: 4 } }, { token: ws.token });
    expect(put.status).toBe(200);
    expect((await pushed).settings.chatsPerUser).toBe(4);
  });

  it("logout ends only the sockets of that session", async () => {
    const loggedOut = await dockOf(agent.token);
    const second = await addMember(ws.workspaceId, { name: "Sam Second", roles: ["agent"], teams: [ws.teamId] });
    const kept = await dockOf(second.token);
    const { token } = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body;
    const adminDock = await dockOf(token);
    const adminOther = await dockOf(ws.token);
    const revoked = nextEvent(adminDock, "session:revoked");
    const gone = disconnection(adminDock);
    await t.api.post("/api/auth/logout", undefined, { token });
    expect(await revoked).toEqual({ reason: "logout" });
    expect(await gone).toBe("io server disconnect");
    await sleep(300);
    expect(adminOther.connected).toBe(true);
    expect(loggedOut.connected).toBe(true);
    expect(kept.connected).toBe(true);
  });

  it("revoking a user's sessions disconnects all of their docks within a second", async () => {
    const target = await addMember(ws.workspaceId, { name: "Rita Revoked", roles: ["agent"], teams: [ws.teamId] });
    const docks = [await dockOf(target.token), await dockOf(target.token)];
    const bystander = await dockOf(agent.token);
    const started = performance.now();
    const notices = Promise.all(docks.map((dock) => nextEvent(dock, "session:revoked")));
    const closed = Promise.all(docks.map((dock) => disconnection(dock, 1_000)));
    t.deps.events.emit("sessions.revoked", { userId: target.userId, reason: "revoked" });
    expect(await notices).toEqual([{ reason: "revoked" }, { reason: "revoked" }]);
    await closed;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(bystander.connected).toBe(true);
  });

  it("revoking a member through the API disconnects all of their docks within a second", async () => {
    const target = await addMember(ws.workspaceId, { name: "Ivy Ignored", roles: ["agent"], teams: [ws.teamId] });
    const docks = [await dockOf(target.token), await dockOf(target.token)];
    const started = performance.now();
    const closed = Promise.all(docks.map((dock) => disconnection(dock, 1_000)));
    const res = await t.api.post(`/api/workspaces/${ws.workspaceId}/members/${target.userId}/revoke`, { reassignContactsTo: null }, { token: ws.token });
    expect(res.status).toBe(200);
    await closed;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await refusalOf(connect(t.url, "/dock", { token: target.token, workspaceId: ws.workspaceId }))).message).toBe("UNAUTHENTICATED");
  });

  it("a revoked membership disconnects that member's docks in that workspace", async () => {
    const target = await addMember(ws.workspaceId, { name: "Mona Member", roles: ["agent"], teams: [ws.teamId] });
    const dock = await dockOf(target.token);
    const closed = disconnection(dock, 1_000);
    t.deps.events.emit("membership.revoked", { workspaceId: ws.workspaceId, userId: target.userId, by: ws.userId });
    await closed;
  });

  it("security: a member revoked from the workspace cannot reconnect to it, even with a live session", async () => {
    const target = await addMember(ws.workspaceId, { name: "Kim Kept", roles: ["agent"], teams: [ws.teamId] });
    const dock = await dockOf(target.token);
    const { MembershipModel } = await import("../members/membership.model.js");
    await MembershipModel.updateOne({ workspaceId: ws.workspaceId, userId: target.userId }, { status: "revoked" });
    const closed = disconnection(dock, 1_000);
    t.deps.events.emit("membership.revoked", { workspaceId: ws.workspaceId, userId: target.userId, by: ws.userId });
    await closed;
    expect((await refusalOf(connect(t.url, "/dock", { token: target.token, workspaceId: ws.workspaceId }))).message).toBe("FORBIDDEN");
  });

  it("a member who loses the dock permission is disconnected", async () => {
    const target = await addMember(ws.workspaceId, { name: "Chad Changed", roles: ["agent"], teams: [ws.teamId] });
    const dock = await dockOf(target.token);
    const { MembershipModel } = await import("../members/membership.model.js");
    await MembershipModel.updateOne({ workspaceId: ws.workspaceId, userId: target.userId }, { roles: ["viewer"] });
    const closed = disconnection(dock);
    t.deps.events.emit("membership.changed", { workspaceId: ws.workspaceId, userId: target.userId });
    await closed;
  });
});

describe("handshakes in bulk", () => {
  it("security: handshakes arriving together are each judged on their own token", async () => {
    const members = await Promise.all([0, 1, 2, 3, 4].map((i) => addMember(ws.workspaceId, { name: `Bulk ${i}`, roles: ["agent"], teams: [ws.teamId] })));
    const tampered = (token: string) => token.slice(0, 42) + (token.endsWith("A") ? "B" : "A");
    const attempts = members.flatMap((m) => [
      connect(t.url, "/dock", { token: m.token, workspaceId: ws.workspaceId }).then((s) => (open.push(s), "ok")),
      refusalOf(connect(t.url, "/dock", { token: tampered(m.token), workspaceId: ws.workspaceId })).then((r) => r.message),
    ]);
    expect(await Promise.all(attempts)).toEqual(members.flatMap(() => ["ok", "UNAUTHENTICATED"]));
  });

  it("security: refuses a session past its expiry (runs last: it moves the clock)", async () => {
    t.clock.advance(2 * 86_400_000);
    expect((await refusalOf(connect(t.url, "/dock", { token: agent.token, workspaceId: ws.workspaceId }))).message).toBe("UNAUTHENTICATED");
  });
});
