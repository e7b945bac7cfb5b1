import { randomBytes } from "node:crypto";
import type { Presence } from "@switchboard/shared";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { connectDatabase } from "../db/connect.js";
import "../db/models.js";
import { httpClient } from "../../test/http-client.js";
import { startNode, startRedis, type Child } from "../../test/processes.js";
import { addMember, connect, disconnection, nextEvent, refusalOf, request, type ClientSocket } from "../../test/realtime-fixtures.js";
import { MembershipModel } from "../members/membership.model.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { setUpWorkspace } from "../../test/test-server.js";

const GRACE_MS = 800;
let redis: Child;
let nodeA: Child;
let nodeB: Child;
let nodeEnv: Record<string, string>;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
const open: ClientSocket[] = [];

beforeAll(async () => {
  const dbName = `t_${randomBytes(6).toString("hex")}`;
  await connectDatabase(inject("mongoUri"), dbName);
  redis = await startRedis();
  nodeEnv = { MONGODB_URI: inject("mongoUri"), DB_NAME: dbName, REDIS_URL: redis.url, PRESENCE_GRACE_MS: String(GRACE_MS), PRESENCE_HEARTBEAT_MS: "200" };
  [nodeA, nodeB] = await Promise.all([startNode(nodeEnv), startNode(nodeEnv)]);
  ws = await setUpWorkspace(httpClient(nodeA.url));
}, 120_000);

afterAll(async () => {
  for (const socket of open) socket.close();
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  await redis?.stop();
  await mongoose.connection.dropDatabase().catch(() => {});
  await mongoose.disconnect();
});

describe("two nodes sharing Redis", () => {
  it("a dock on node A and a supervisor on node B see each other's changes; killing A makes its docks offline after the grace period", async () => {
    const agent = await addMember(ws.workspaceId, { name: "Nia Node", roles: ["agent"], teams: [ws.teamId] });
    const supervisor = await addMember(ws.workspaceId, { name: "Sid Super", roles: ["supervisor"], teams: [ws.teamId] });
    const auth = (token: string) => ({ token, workspaceId: ws.workspaceId });

    let snapshot!: Promise<{ items: Presence[] }>;
    const watcher = await connect(nodeB.url, "/console", auth(supervisor.token), (s) => (snapshot = nextEvent(s, "presence:snapshot")));
    open.push(watcher);
    expect((await snapshot).items.find((p) => p.userId === agent.userId)?.status).toBe("offline");

    // A's dock → B's watcher, through the Redis adapter.
    const online = nextEvent<Presence>(watcher, "presence:changed", (p) => p.userId === agent.userId && p.status === "available");
    const dock = await connect(nodeA.url, "/dock", auth(agent.token));
    open.push(dock);
    expect((await online).devices).toHaveLength(1);
    const away = nextEvent<Presence>(watcher, "presence:changed", (p) => p.userId === agent.userId && p.awayReason === "Lunch");
    expect((await request(dock, "presence:set", { status: "away", awayReason: "Lunch" })).ok).toBe(true);
    await away;

    // B's supervisor → A's dock, and B reads presence A wrote.
    const apiB = httpClient(nodeB.url);
    const told = nextEvent<Presence>(dock, "presence:changed", (p) => typeof p.cause === "object" && p.cause.by.userId === supervisor.userId);
    const put = await apiB.put(`/api/workspaces/${ws.workspaceId}/presence/${agent.userId}`, { status: "available" }, { token: supervisor.token });
    expect(put.status).toBe(200);
    expect(await told).toMatchObject({ status: "available", cause: { by: { name: "Sid Super" } } });
    const list = await apiB.get(`/api/workspaces/${ws.workspaceId}/presence`, { token: supervisor.token });
    expect(list.body.items.find((p: Presence) => p.userId === agent.userId)).toMatchObject({ status: "available", devices: [expect.any(Object)] });

    // A settings change handled by B reaches the dock held by A.
    const pushed = nextEvent(dock, "settings:changed", (p) => p.settings.chatsPerUser === 3);
    expect((await apiB.put(`/api/workspaces/${ws.workspaceId}/settings`, { settings: { chatsPerUser: 3 } }, { token: ws.token })).status).toBe(200);
    await pushed;

    // Node A dies without a word: its dock is offline on B only once the grace period is over.
    const offline = nextEvent<Presence>(watcher, "presence:changed", (p) => p.userId === agent.userId && p.status === "offline", 15_000);
    const dropped = disconnection(dock);
    const killedAt = Date.now();
    await nodeA.stop("SIGKILL");
    await dropped;
    const gone = await offline;
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect(gone).toMatchObject({ cause: "disconnected", devices: [] });
  });

  it("a member's docks on two nodes agree: a status set on one reaches the other", async () => {
    const nodeC = await startNode(nodeEnv); // node A was killed above
    try {
      const agent = await addMember(ws.workspaceId, { name: "Dua Docks", roles: ["agent"], teams: [ws.teamId] });
      const auth = { token: agent.token, workspaceId: ws.workspaceId };
      const onC = await connect(nodeC.url, "/dock", auth);
      open.push(onC);
      const seesTwo = nextEvent<Presence>(onC, "presence:changed", (p) => p.devices.length === 2);
      const onB = await connect(nodeB.url, "/dock", auth);
      open.push(onB);
      await seesTwo;
      const heardOnC = nextEvent<Presence>(onC, "presence:changed", (p) => p.awayReason === "Break");
      expect((await request(onB, "presence:set", { status: "away", awayReason: "Break" })).ok).toBe(true);
      expect(await heardOnC).toMatchObject({ status: "away", awayReason: "Break", cause: { by: { userId: agent.userId } } });
    } finally {
      await nodeC.stop();
    }
  });

  it("revoking a member on node B disconnects their dock held by another node within a second", async () => {
    const nodeC = await startNode(nodeEnv);
    try {
      const agent = await addMember(ws.workspaceId, { name: "Rob Remote", roles: ["agent"], teams: [ws.teamId] });
      const dock = await connect(nodeC.url, "/dock", { token: agent.token, workspaceId: ws.workspaceId });
      open.push(dock);
      const revoked = nextEvent(dock, "session:revoked");
      const closed = disconnection(dock, 1_000);
      const res = await httpClient(nodeB.url).post(`/api/workspaces/${ws.workspaceId}/members/${agent.userId}/revoke`, { reassignContactsTo: null }, { token: ws.token });
      expect(res.status).toBe(200);
      expect(await revoked).toEqual({ reason: "revoked" });
      await closed;
    } finally {
      await nodeC.stop();
    }
  });

  it("a member who joins or is revoked through node B shows in another node's members list within a second", async () => {
    // Node A was stopped by the first test; node C stands in for it.
    const nodeC = await startNode(nodeEnv);
    try {
      const apiB = httpClient(nodeB.url);
      const apiC = httpClient(nodeC.url);
      const listedOnC = async () =>
        (await apiC.get(`/api/workspaces/${ws.workspaceId}/members?q=ivy`, { token: ws.token })).body.items.map((m: { name: string }) => m.name);
      // Node C has its copy of the workspace loaded before the join.
      expect(await listedOnC()).toEqual([]);

      const invited = await apiB.post(`/api/workspaces/${ws.workspaceId}/invitations`, { invitees: [{ name: "Ivy Invited", email: "ivy@example.com" }], roles: ["agent"], teams: [ws.teamId] }, { token: ws.token });
      expect(invited.body.results[0].status).toBe("invited");
      const pending = await apiB.get(`/api/workspaces/${ws.workspaceId}/invitations`, { token: ws.token });
      const link = pending.body.items.find((i: { email: string }) => i.email === "ivy@example.com").link as string;
      const accepted = await apiB.post(`/api/invitations/${link.split("/").pop()}/accept`, { firstName: "Ivy", lastName: "Invited", password: "long-enough-pw-1" });
      expect(accepted.status).toBe(200);
      await expect.poll(listedOnC, { timeout: 1_000, interval: 50 }).toEqual(["Ivy Invited"]);

      const revoked = await apiB.post(`/api/workspaces/${ws.workspaceId}/members/${accepted.body.user.id}/revoke`, { reassignContactsTo: null }, { token: ws.token });
      expect(revoked.status).toBe(200);
      await expect.poll(listedOnC, { timeout: 1_000, interval: 50 }).toEqual([]);
    } finally {
      await nodeC.stop();
    }
  });

  // Issue 14: each node's handshakes read sessions from its own cache; the other nodes' cuts reach it through the Redis relay.
  it("security: a session logged out, or a member revoked, on another node is refused by a node whose cache held the session", async () => {
    const nodeC = await startNode(nodeEnv);
    try {
      const apiC = httpClient(nodeC.url);
      const leaving = await addMember(ws.workspaceId, { name: "Lou Leaving", roles: ["agent"], teams: [ws.teamId] });
      (await connect(nodeB.url, "/dock", { token: leaving.token, workspaceId: ws.workspaceId })).close();
      expect((await apiC.post("/api/auth/logout", undefined, { token: leaving.token })).status).toBe(204);
      expect((await refusalOf(connect(nodeB.url, "/dock", { token: leaving.token, workspaceId: ws.workspaceId }))).message).toBe("UNAUTHENTICATED");

      const revoked = await addMember(ws.workspaceId, { name: "Roy Revoked", roles: ["agent"], teams: [ws.teamId] });
      // Also a member of a second workspace, which the revocation does not touch: only the ended session refuses them there.
      const first = await WorkspaceModel.findById(ws.workspaceId).lean();
      const other = String((await WorkspaceModel.create({ organizationId: first!.organizationId, name: "Other" }))._id);
      await MembershipModel.create({ workspaceId: other, userId: revoked.userId, roles: ["agent"], teams: [], name: revoked.name, nameLower: revoked.name.toLowerCase(), emailLower: `roy-${Date.now()}@example.com` });
      (await connect(nodeB.url, "/dock", { token: revoked.token, workspaceId: other })).close();
      const res = await apiC.post(`/api/workspaces/${ws.workspaceId}/members/${revoked.userId}/revoke`, { reassignContactsTo: null }, { token: ws.token });
      expect(res.status).toBe(200);
      expect((await refusalOf(connect(nodeB.url, "/dock", { token: revoked.token, workspaceId: other }))).message).toBe("UNAUTHENTICATED");
    } finally {
      await nodeC.stop();
    }
  });
});
