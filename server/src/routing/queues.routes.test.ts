import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { QueueModel } from "./queue.model.js";

let t: TestServer;
let admin: Awaited<ReturnType<typeof setUpWorkspace>>;
let base: string;
let salesId: string;
let manager: TestMember;
let supervisor: TestMember;
let viewer: TestMember;
let agent: TestMember;
let ownQueue: string;
let sharedQueue: string;

const chatQueue = (teams: string[], extra: Record<string, unknown> = {}) => ({ name: `Q ${Math.random().toString(36).slice(2, 7)}`, channel: "chat", teams, ...extra });

beforeAll(async () => {
  t = await startTestServer();
  admin = await setUpWorkspace(t.api);
  base = `/api/workspaces/${admin.workspaceId}/queues`;
  salesId = (await t.api.post(`/api/workspaces/${admin.workspaceId}/teams`, { name: "Sales" }, { token: admin.token })).body.id;
  const ws = admin.workspaceId;
  manager = await addTestMember(t, ws, { roles: ["manager"], teams: [admin.teamId] });
  supervisor = await addTestMember(t, ws, { roles: ["supervisor"], teams: [admin.teamId] });
  viewer = await addTestMember(t, ws, { roles: ["viewer"], teams: [admin.teamId] });
  agent = await addTestMember(t, ws, { roles: ["agent"], teams: [admin.teamId] });
  ownQueue = (await t.api.post(base, chatQueue([admin.teamId]), { token: admin.token })).body.id;
  sharedQueue = (await t.api.post(base, chatQueue([admin.teamId, salesId]), { token: admin.token })).body.id;
});
afterAll(() => t.close());

describe("queues: create", () => {
  it("creates a chat queue with defaults, its widget path, and an audit event", async () => {
    const res = await t.api.post(base, { name: "Web chat", channel: "chat", teams: [admin.teamId] }, { token: admin.token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Web chat",
      channel: "chat",
      teams: [admin.teamId],
      skills: [],
      languages: [],
      offerTimeoutSeconds: 20,
      wrapUpSeconds: 30,
      serviceLevelSeconds: 20,
      number: null,
      widgetPath: `/chat/${admin.workspaceId}/${res.body.id}`,
      canManage: true,
    });
    expect(await AuditEventModel.countDocuments({ action: "queue.created", "target.id": res.body.id })).toBe(1);
  });

  it("role by role: admin any teams, manager and supervisor only all-own teams, viewer and agent never", async () => {
    expect((await t.api.post(base, chatQueue([salesId]), { token: admin.token })).status).toBe(201);
    expect((await t.api.post(base, chatQueue([admin.teamId]), { token: manager.token })).status).toBe(201);
    expect((await t.api.post(base, chatQueue([admin.teamId, salesId]), { token: manager.token })).body.error.code).toBe("FORBIDDEN");
    expect((await t.api.post(base, chatQueue([admin.teamId]), { token: supervisor.token })).status).toBe(201);
    expect((await t.api.post(base, chatQueue([salesId]), { token: supervisor.token })).status).toBe(403);
    expect((await t.api.post(base, chatQueue([admin.teamId]), { token: viewer.token })).status).toBe(403);
    expect((await t.api.post(base, chatQueue([admin.teamId]), { token: agent.token })).status).toBe(403);
  });

  it("validates the body with field paths and writes nothing", async () => {
    const before = await QueueModel.countDocuments();
    const cases: Array<[unknown, string]> = [
      [{ channel: "chat", teams: [admin.teamId] }, "name"],
      [chatQueue([]), "teams"],
      [chatQueue([admin.teamId], { channel: "fax" }), "channel"],
      [chatQueue([admin.teamId], { offerTimeoutSeconds: 2 }), "offerTimeoutSeconds"],
      [chatQueue([admin.teamId], { wrapUpSeconds: 601 }), "wrapUpSeconds"],
      [chatQueue([admin.teamId], { serviceLevelSeconds: 4 }), "serviceLevelSeconds"],
      [chatQueue([admin.teamId], { number: "12345" }), "number"],
      [chatQueue([admin.teamId], { channel: "phone" }), "number"],
      [chatQueue([admin.teamId], { channel: "phone", number: "+1 (555)" }), "number"],
      [chatQueue([admin.teamId], { $where: "1" }), ""],
      [chatQueue(["f".repeat(24)]), "teams"],
    ];
    for (const [body, path] of cases) {
      const res = await t.api.post(base, body, { token: admin.token });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.error.details ?? {}), JSON.stringify(body)).toContain(path);
    }
    expect(await QueueModel.countDocuments()).toBe(before);
  });

  it("a phone queue's number is unique on the deployment; several chat queues have none", async () => {
    const first = await t.api.post(base, { name: "Support line", channel: "phone", teams: [admin.teamId], number: "5550100" }, { token: admin.token });
    expect(first.status).toBe(201);
    expect(first.body.number).toBe("5550100");
    const clash = await t.api.post(base, { name: "Other line", channel: "phone", teams: [admin.teamId], number: "5550100" }, { token: admin.token });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe("CONFLICT");
    expect((await t.api.post(base, chatQueue([admin.teamId]), { token: admin.token })).status).toBe(201);
  });
});

describe("queues: read, edit, delete", () => {
  it("viewers list every queue; supervisors their teams' queues, marked with what they may manage; agents nothing", async () => {
    const all = await t.api.get(base, { token: viewer.token });
    expect(all.status).toBe(200);
    expect(all.body.items.every((q: { canManage: boolean }) => !q.canManage)).toBe(true);
    const salesOnly = all.body.items.filter((q: { teams: string[] }) => !q.teams.includes(admin.teamId));
    expect(salesOnly.length).toBeGreaterThan(0);
    const mine = await t.api.get(base, { token: supervisor.token });
    expect(mine.body.items.some((q: { teams: string[] }) => !q.teams.includes(admin.teamId))).toBe(false);
    expect(mine.body.items.find((q: { id: string }) => q.id === sharedQueue)).toMatchObject({ canManage: false });
    expect(mine.body.items.find((q: { id: string }) => q.id === ownQueue)).toMatchObject({ canManage: true });
    expect((await t.api.get(base, { token: agent.token })).status).toBe(403);
    expect((await t.api.get(`${base}/${salesOnly[0].id}`, { token: supervisor.token })).status).toBe(404);
  });

  it("patches only what changes; a supervisor cannot touch a queue shared with another team or widen theirs", async () => {
    const res = await t.api.patch(`${base}/${ownQueue}`, { wrapUpSeconds: 5, skills: ["billing"] }, { token: supervisor.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ wrapUpSeconds: 5, skills: ["billing"], offerTimeoutSeconds: 20 });
    expect((await t.api.patch(`${base}/${sharedQueue}`, { wrapUpSeconds: 5 }, { token: supervisor.token })).status).toBe(403);
    expect((await t.api.patch(`${base}/${ownQueue}`, { teams: [admin.teamId, salesId] }, { token: supervisor.token })).status).toBe(403);
    expect((await t.api.patch(`${base}/${ownQueue}`, { channel: "phone" }, { token: admin.token })).status).toBe(400);
    expect((await t.api.patch(`${base}/${ownQueue}`, { number: "5550199" }, { token: admin.token })).status).toBe(400);
    expect((await t.api.patch(`${base}/${ownQueue}`, { name: "x" }, { token: viewer.token })).status).toBe(403);
  });

  it("deletes: manager own, not another's; 404 afterwards", async () => {
    const doomed = (await t.api.post(base, chatQueue([admin.teamId]), { token: manager.token })).body.id;
    expect((await t.api.delete(`${base}/${sharedQueue}`, { token: manager.token })).status).toBe(403);
    expect((await t.api.delete(`${base}/${doomed}`, { token: agent.token })).status).toBe(403);
    expect((await t.api.delete(`${base}/${doomed}`, { token: manager.token })).status).toBe(204);
    expect((await t.api.get(`${base}/${doomed}`, { token: admin.token })).status).toBe(404);
  });

  it("stats: one item per visible queue with the board's figures; agents are refused", async () => {
    const res = await t.api.get(`${base}/stats`, { token: supervisor.token });
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { queueId: string }) => i.queueId === ownQueue);
    expect(item).toEqual({ queueId: ownQueue, waiting: 0, longestWaitSeconds: 0, available: 0, busy: 0, wrapUp: 0, away: 0 });
    expect(res.body.items.some((i: { queueId: string }) => i.queueId === sharedQueue)).toBe(true);
    expect((await t.api.get(`${base}/stats`, { token: agent.token })).status).toBe(403);
  });
});
