import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionCache } from "../auth/session-cache.js";
import { createSession } from "../auth/sessions.service.js";
import { newOpaqueToken } from "../auth/tokens.js";
import { MembershipModel } from "../members/membership.model.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { addMember, connect, refusalOf, type ClientSocket } from "../../test/realtime-fixtures.js";
import { ADMIN, setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

/**
 * Issue 14: handshakes read sessions from a cache, not the database. Each case first makes the
 * cache hold the session (a socket connects with it), then ends the session, then checks the
 * next handshake with it is refused. One node here; two nodes in multi-node.test.ts.
 */
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
});
afterAll(async () => {
  await t.close();
});

/** Connects and leaves at once: the session is now in the node's cache. */
async function connectOnce(namespace: "/dock" | "/console", token: string, workspaceId: string) {
  const socket: ClientSocket = await connect(t.url, namespace, { token, workspaceId });
  socket.close();
}

describe("session cache (socket handshakes)", () => {
  it("security: a logged-out session the cache held is refused at the next handshake", async () => {
    const { token } = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body;
    await connectOnce("/dock", token, ws.workspaceId);
    await connectOnce("/dock", token, ws.workspaceId); // the second one is served from the cache
    expect((await t.api.post("/api/auth/logout", undefined, { token })).status).toBe(204);
    expect((await refusalOf(connect(t.url, "/dock", { token, workspaceId: ws.workspaceId }))).message).toBe("UNAUTHENTICATED");
  });

  it("security: a revoked member's session the cache held is refused in every workspace, not only the one revoked from", async () => {
    const agent = await addMember(ws.workspaceId, { name: "Rae Revoked", roles: ["agent"], teams: [ws.teamId] });
    // The same user in a second workspace: revoking them from the first ends all their sessions.
    const first = await WorkspaceModel.findById(ws.workspaceId).lean();
    const other = await WorkspaceModel.create({ organizationId: first!.organizationId, name: "Other" });
    await MembershipModel.create({ workspaceId: other._id, userId: agent.userId, roles: ["agent"], teams: [], name: agent.name, nameLower: agent.name.toLowerCase(), emailLower: `rae-${Date.now()}@example.com` });
    await connectOnce("/dock", agent.token, String(other._id));
    const res = await t.api.post(`/api/workspaces/${ws.workspaceId}/members/${agent.userId}/revoke`, { reassignContactsTo: null }, { token: ws.token });
    expect(res.status).toBe(200);
    expect((await refusalOf(connect(t.url, "/dock", { token: agent.token, workspaceId: String(other._id) }))).message).toBe("UNAUTHENTICATED");
  });

  it("security: a password change ends the user's other sessions the cache held, and keeps the one it was made from", async () => {
    const { token: other } = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body;
    const { token: kept } = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body;
    await connectOnce("/console", other, ws.workspaceId);
    await connectOnce("/console", kept, ws.workspaceId);
    const res = await t.api.post("/api/auth/password", { currentPassword: ADMIN.password, newPassword: "correct-horse-2" }, { token: kept });
    expect(res.status).toBe(204);
    expect((await refusalOf(connect(t.url, "/console", { token: other, workspaceId: ws.workspaceId }))).message).toBe("UNAUTHENTICATED");
    await connectOnce("/console", kept, ws.workspaceId);
  });

  it("handshakes of one session share a read; each gets its own session (or none)", async () => {
    const agents = await Promise.all(Array.from({ length: 20 }, (_, i) => addMember(ws.workspaceId, { name: `Bo Burst${i}`, roles: ["agent"], teams: [ws.teamId] })));
    const cache = new SessionCache(t.clock);
    const reads: string[] = [];
    mongoose.set("debug", (collection: string, method: string) => void (collection === "sessions" && reads.push(method)));
    try {
      const unknown = newOpaqueToken();
      const tokens = [...agents.map((a) => a.token), unknown, ...agents.map((a) => a.token)];
      const found = await Promise.all(tokens.map((token) => cache.find(token)));
      const owners = [...agents.map((a) => a.userId), null, ...agents.map((a) => a.userId)];
      expect(found.map((session) => (session ? String(session.userId) : null))).toEqual(owners);
      expect(reads).toEqual(Array.from({ length: agents.length + 1 }, () => "findOne"));
    } finally {
      mongoose.set("debug", false);
    }
  });

  it("after the boot pass a handshake reads nothing; an invalidation during the pass stops it", async () => {
    const agent = await addMember(ws.workspaceId, { name: "Wes Warm", roles: ["agent"], teams: [ws.teamId] });
    const warm = new SessionCache(t.clock);
    await warm.warm();
    const reads: string[] = [];
    mongoose.set("debug", (collection: string) => void (collection === "sessions" && reads.push(collection)));
    try {
      expect(String((await warm.find(agent.token))?.userId)).toBe(agent.userId);
      expect(reads).toEqual([]);
    } finally {
      mongoose.set("debug", false);
    }
    // A logout while the pass runs: what the pass read may be older than the cut, so it adds nothing more.
    const cut = new SessionCache(t.clock);
    const pass = cut.warm();
    cut.forgetSession("whatever");
    await pass;
    expect(cut.size).toBe(0);
  });

  // Last: it moves the server's clock a day on.
  it("security: an expired session the cache held is refused, with no event to cut it", async () => {
    const agent = await addMember(ws.workspaceId, { name: "Eli Expiring", roles: ["agent"], teams: [ws.teamId] });
    const token = await createSession(agent.userId, t.clock, 1);
    await connectOnce("/dock", token, ws.workspaceId);
    t.clock.advance(86_400_000 + 1_000);
    expect((await refusalOf(connect(t.url, "/dock", { token, workspaceId: ws.workspaceId }))).message).toBe("UNAUTHENTICATED");
  });
});
