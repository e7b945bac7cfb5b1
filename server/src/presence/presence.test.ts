import type { Presence, PresenceSnapshot } from "@switchboard/shared";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { MembershipModel } from "../members/membership.model.js";
import { addMember, addTeam, connect, nextEvent, record, request, sleep, type ClientSocket } from "../../test/realtime-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { presenceServiceOf } from "./presence.service.js";

const GRACE_MS = 400;
type Member = Awaited<ReturnType<typeof addMember>>;

let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let teamB: string;
let agentA: Member, agentB: Member, supervisorA: Member, managerB: Member, viewer: Member;
const open: ClientSocket[] = [];

const track = (socket: ClientSocket) => (open.push(socket), socket);
const dockOf = async (member: { token: string }, deviceId?: string, beforeConnect?: (socket: ClientSocket) => void) =>
  track(await connect(t.url, "/dock", { token: member.token, workspaceId: ws.workspaceId, ...(deviceId ? { deviceId } : {}) }, beforeConnect));
/** A console socket with its snapshot. */
async function watcherOf(member: { token: string }) {
  let snapshot!: Promise<PresenceSnapshot>;
  const socket = await connect(t.url, "/console", { token: member.token, workspaceId: ws.workspaceId }, (s) => {
    snapshot = nextEvent(s, "presence:snapshot");
  });
  return { socket: track(socket), snapshot: await snapshot };
}
const changesOf = (socket: ClientSocket, userId: string) => {
  const all = record<Presence>(socket, "presence:changed");
  return { list: () => all.filter((p) => p.userId === userId) };
};
const presenceUrl = () => `/api/workspaces/${ws.workspaceId}/presence`;

beforeAll(async () => {
  t = await startTestServer({ presenceGraceMs: GRACE_MS });
  ws = await setUpWorkspace(t.api);
  teamB = await addTeam(ws.workspaceId, "Tier 2");
  agentA = await addMember(ws.workspaceId, { name: "Ann A", roles: ["agent"], teams: [ws.teamId] });
  agentB = await addMember(ws.workspaceId, { name: "Bob B", roles: ["agent"], teams: [teamB] });
  supervisorA = await addMember(ws.workspaceId, { name: "Sue Supervisor", roles: ["supervisor"], teams: [ws.teamId] });
  managerB = await addMember(ws.workspaceId, { name: "Max Manager", roles: ["manager"], teams: [teamB] });
  viewer = await addMember(ws.workspaceId, { name: "Val Viewer", roles: ["viewer"], teams: [ws.teamId] });
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await t.close();
});

describe("fan-out to watchers", () => {
  it("security: a supervisor sees only their teams' members and changes; admins and viewers see everyone", async () => {
    const sup = await watcherOf(supervisorA);
    const admin = await watcherOf({ token: ws.token });
    const view = await watcherOf(viewer);
    expect(sup.snapshot.items.map((p) => p.name).sort()).toEqual(["Ada Admin", "Ann A", "Sue Supervisor"]);
    expect(admin.snapshot.items.map((p) => p.name).sort()).toEqual(["Ada Admin", "Ann A", "Bob B", "Max Manager", "Sue Supervisor"]);
    expect(view.snapshot.items).toHaveLength(5);

    const supSeesB = changesOf(sup.socket, agentB.userId);
    const adminSeesB = nextEvent<Presence>(admin.socket, "presence:changed", (p) => p.userId === agentB.userId && p.status === "available");
    const viewerSeesB = nextEvent<Presence>(view.socket, "presence:changed", (p) => p.userId === agentB.userId && p.status === "available");
    const supSeesA = nextEvent<Presence>(sup.socket, "presence:changed", (p) => p.userId === agentA.userId && p.status === "available");
    const dockB = await dockOf(agentB);
    const dockA = await dockOf(agentA);
    expect((await adminSeesB).devices).toHaveLength(1);
    await viewerSeesB;
    expect((await supSeesA).teams).toEqual([ws.teamId]);
    await sleep(200);
    expect(supSeesB.list()).toEqual([]);
    dockA.close();
    dockB.close();
  });

  it("delivers a change once to a watcher who sits in several of its rooms", async () => {
    const both = await addMember(ws.workspaceId, { name: "Tess Twoteams", roles: ["supervisor"], teams: [ws.teamId, teamB] });
    const agentAB = await addMember(ws.workspaceId, { name: "Abe AB", roles: ["agent"], teams: [ws.teamId, teamB] });
    const watcher = await watcherOf(both);
    const seen = changesOf(watcher.socket, agentAB.userId);
    const dock = await dockOf(agentAB);
    await sleep(300);
    expect(seen.list()).toHaveLength(1);
    dock.close();
  });

  it("coalesces a burst into at most one update per member per 100 ms, ending on the latest state", async () => {
    const admin = await watcherOf({ token: ws.token });
    const dock = await dockOf(agentA);
    onTestFinished(() => void dock.close());
    await sleep(250);
    // The window is the server's promise, so its sends to /console are timed where they leave: on
    // a loaded machine a late first delivery can arrive right before an on-time second one.
    const sentAt: number[] = [];
    const adapter = t.server.realtime.io.of("/console").adapter;
    const broadcast = adapter.broadcast.bind(adapter);
    adapter.broadcast = (packet, opts) => {
      const [event, payload] = packet.data as [string, Presence];
      if (event === "presence:changed" && payload.userId === agentA.userId) sentAt.push(performance.now());
      broadcast(packet, opts);
    };
    onTestFinished(() => void (adapter.broadcast = broadcast));
    const arrivals: Array<{ reason: string | undefined }> = [];
    admin.socket.on("presence:changed", (p: Presence) => p.userId === agentA.userId && arrivals.push({ reason: p.awayReason }));
    const burst = ["Lunch", "Break", "Lunch", "Break", "Lunch"];
    await Promise.all(burst.map((awayReason) => request(dock, "presence:set", { status: "away", awayReason })));
    await sleep(400);
    expect(arrivals.length).toBeGreaterThan(0);
    expect(arrivals.length).toBeLessThan(5);
    expect(arrivals.at(-1)!.reason).toBe("Lunch");
    expect(sentAt).toHaveLength(arrivals.length);
    for (let i = 1; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(80);
  });
});

describe("docks report presence", () => {
  it("acks a status with an away reason from the workspace list, and tells the watchers who set it", async () => {
    const sup = await watcherOf(supervisorA);
    const dock = await dockOf(agentA);
    const seen = nextEvent<Presence>(sup.socket, "presence:changed", (p) => p.userId === agentA.userId && p.status === "away");
    const ack = await request(dock, "presence:set", { status: "away", awayReason: "Lunch" });
    expect(ack).toMatchObject({ ok: true, data: { status: "away", awayReason: "Lunch", cause: { by: { userId: agentA.userId } } } });
    expect(await seen).toMatchObject({ awayReason: "Lunch", cause: { by: { userId: agentA.userId, name: "Ann A" } } });

    const unknown = await request(dock, "presence:set", { status: "away", awayReason: "Nap" });
    expect(unknown).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", details: { issues: [{ path: "awayReason" }] } } });
    const reasonWhileAvailable = await request(dock, "presence:set", { status: "available", awayReason: "Lunch" });
    expect(reasonWhileAvailable.error.code).toBe("VALIDATION_FAILED");

    const idle = await request(dock, "presence:set", { status: "away", auto: "idle" });
    expect(idle.data).toMatchObject({ status: "away", cause: "idle" });
    // onCall comes from interactions (DESIGN.md §8): an older dock's report is acked and ignored.
    const onCall = await request(dock, "call:state", { onCall: true });
    expect(onCall.data).toMatchObject({ onCall: false, status: "away" });
    const chats = await request(dock, "chat:state", { activeChats: 2 });
    expect(chats.data).toMatchObject({ activeChats: 0 });
    await request(dock, "presence:set", { status: "available" });
    dock.close();
  });

  it("reads the away reasons again once their short cache has expired on the server's clock", async () => {
    const settingsUrl = `/api/workspaces/${ws.workspaceId}/settings`;
    const current = (await t.api.get(settingsUrl, { token: ws.token })).body;
    const putReasons = (awayReasons: string[]) => t.api.put(settingsUrl, { settings: current.settings, awayReasons }, { token: ws.token });
    expect((await putReasons([...current.awayReasons, "Coaching"])).status).toBe(200);
    t.clock.advance(60_000);
    const dock = await dockOf(agentA);
    expect((await request(dock, "presence:set", { status: "away", awayReason: "Coaching" })).ok).toBe(true);
    expect((await putReasons(current.awayReasons)).status).toBe(200);
    // The cache is timed by the injected clock, like everything else the presence service does.
    t.clock.advance(60_000);
    const removed = await request(dock, "presence:set", { status: "away", awayReason: "Coaching" });
    expect(removed).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    await request(dock, "presence:set", { status: "available" });
    dock.close();
    // Later tests compare stored times with the wall clock.
    t.clock.advance(-120_000);
  });

  it("treats several docks of one member as one presence, listing each device", async () => {
    const admin = await watcherOf({ token: ws.token });
    const first = await dockOf(agentB, "laptop");
    const twoDevices = nextEvent<Presence>(admin.socket, "presence:changed", (p) => p.userId === agentB.userId && p.devices.length === 2);
    const second = await dockOf(agentB, "desktop");
    expect((await twoDevices).devices.map((d) => d.id).sort()).toEqual(["desktop", "laptop"]);
    // The other dock follows its member's status.
    const synced = nextEvent<Presence>(first, "presence:changed", (p) => p.status === "away");
    await request(second, "presence:set", { status: "away", awayReason: "Break" });
    expect((await synced).awayReason).toBe("Break");
    const oneLeft = nextEvent<Presence>(admin.socket, "presence:changed", (p) => p.userId === agentB.userId && p.devices.length === 1);
    second.close();
    expect((await oneLeft).status).toBe("away");
    first.close();
  });

  it("auto-pause on a missed offer sets away with reason and cause missed", async () => {
    const dock = await dockOf(agentA);
    const told = nextEvent<Presence>(dock, "presence:changed", (p) => p.cause === "missed");
    await presenceServiceOf(t.deps).autoPause({ workspaceId: ws.workspaceId, userId: agentA.userId, name: "Ann A", teams: [ws.teamId], roles: ["agent"] });
    expect(await told).toMatchObject({ status: "away", awayReason: "missed" });
    await request(dock, "presence:set", { status: "available" });
    dock.close();
  });
});

describe("grace period", () => {
  it("a dock that drops and comes back within the grace period never shows offline to watchers", async () => {
    const admin = await watcherOf({ token: ws.token });
    const dock = await dockOf(agentA);
    await sleep(150);
    const statuses = record<Presence>(admin.socket, "presence:changed");
    dock.close();
    await sleep(GRACE_MS / 4);
    const again = await dockOf(agentA);
    await sleep(GRACE_MS * 2);
    const mine = statuses.filter((p) => p.userId === agentA.userId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((p) => p.status)).not.toContain("offline");
    expect(mine.at(-1)).toMatchObject({ status: "available", devices: [expect.any(Object)] });
    again.close();
  });

  it("a dock that stays away goes offline with cause disconnected, and lastSeenAt is stored", async () => {
    const member = await addMember(ws.workspaceId, { name: "Gus Gone", roles: ["agent"], teams: [ws.teamId] });
    const admin = await watcherOf({ token: ws.token });
    const dock = await dockOf(member);
    await sleep(100);
    const offline = nextEvent<Presence>(admin.socket, "presence:changed", (p) => p.userId === member.userId && p.status === "offline", GRACE_MS * 10);
    const droppedAt = Date.now();
    dock.close();
    const gone = await offline;
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(gone).toMatchObject({ cause: "disconnected", devices: [], onCall: false, activeChats: 0 });
    expect(Math.abs(Date.parse(gone.lastSeenAt!) - droppedAt)).toBeLessThan(1_000);
    await expect
      .poll(async () => (await MembershipModel.findOne({ workspaceId: ws.workspaceId, userId: member.userId }).lean())?.lastActiveAt?.toISOString())
      .toBe(gone.lastSeenAt);
  });

  it("a member who comes back from offline gets back the status they chose", async () => {
    const member = await addMember(ws.workspaceId, { name: "Ray Return", roles: ["agent"], teams: [ws.teamId] });
    const admin = await watcherOf({ token: ws.token });
    const dock = await dockOf(member);
    await request(dock, "presence:set", { status: "away", awayReason: "Training" });
    const offline = nextEvent<Presence>(admin.socket, "presence:changed", (p) => p.userId === member.userId && p.status === "offline", GRACE_MS * 10);
    dock.close();
    await offline;
    let self!: Promise<Presence>;
    const back = await dockOf(member, undefined, (socket) => (self = nextEvent(socket, "presence:changed")));
    expect(await self).toMatchObject({ status: "away", awayReason: "Training" });
    back.close();
  });

  it("a revoked member goes offline at once with cause revoked", async () => {
    const member = await addMember(ws.workspaceId, { name: "Rex Revoked", roles: ["agent"], teams: [ws.teamId] });
    const admin = await watcherOf({ token: ws.token });
    await dockOf(member);
    const offline = nextEvent<Presence>(admin.socket, "presence:changed", (p) => p.userId === member.userId && p.status === "offline", GRACE_MS / 2);
    t.deps.events.emit("sessions.revoked", { userId: member.userId, reason: "revoked" });
    expect((await offline).cause).toBe("revoked");
  });
});

describe("REST", () => {
  it("security: GET /presence lists what the caller may watch, and refuses agents", async () => {
    const sup = await t.api.get(presenceUrl(), { token: supervisorA.token });
    expect(sup.status).toBe(200);
    expect(sup.body.items.every((p: Presence) => p.teams.includes(ws.teamId))).toBe(true);
    expect(sup.body.items.map((p: Presence) => p.userId)).not.toContain(agentB.userId);
    const mgr = await t.api.get(presenceUrl(), { token: managerB.token });
    expect(mgr.body.items.map((p: Presence) => p.userId)).toContain(agentB.userId);
    expect(mgr.body.items.map((p: Presence) => p.userId)).not.toContain(agentA.userId);
    const all = await t.api.get(presenceUrl(), { token: viewer.token });
    expect(all.body.items.map((p: Presence) => p.userId)).toEqual(expect.arrayContaining([agentA.userId, agentB.userId]));
    expect(all.body.total).toBe(all.body.items.length);
    const agent = await t.api.get(presenceUrl(), { token: agentA.token });
    expect(agent.status).toBe(403);
  });

  it("a supervisor sets an agent of their team away: audited, and the agent's dock shows who did it", async () => {
    const dock = await dockOf(agentA);
    const told = nextEvent<Presence>(dock, "presence:changed", (p) => typeof p.cause === "object" && p.cause.by.userId === supervisorA.userId);
    const res = await t.api.put(`${presenceUrl()}/${agentA.userId}`, { status: "away", awayReason: "Meeting" }, { token: supervisorA.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "away", awayReason: "Meeting" });
    expect(await told).toMatchObject({ status: "away", awayReason: "Meeting", cause: { by: { name: "Sue Supervisor" } } });
    const audit = await AuditEventModel.findOne({ workspaceId: ws.workspaceId, action: "presence.set" }).lean();
    expect(audit).toMatchObject({ actorName: "Sue Supervisor", target: { id: agentA.userId }, after: { status: "away", awayReason: "Meeting" } });
    dock.close();
  });

  it("security: setting someone's status is refused outside one's teams, for agents and viewers, and for unknown reasons", async () => {
    const body = { status: "away", awayReason: "Break" };
    expect((await t.api.put(`${presenceUrl()}/${agentB.userId}`, body, { token: supervisorA.token })).status).toBe(403);
    expect((await t.api.put(`${presenceUrl()}/${agentB.userId}`, body, { token: agentA.token })).status).toBe(403);
    expect((await t.api.put(`${presenceUrl()}/${agentA.userId}`, body, { token: viewer.token })).status).toBe(403);
    const unknown = await t.api.put(`${presenceUrl()}/${agentA.userId}`, { status: "away", awayReason: "Nap" }, { token: ws.token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].path).toBe("awayReason");
    const extra = await t.api.put(`${presenceUrl()}/${agentA.userId}`, { status: "available", sneaky: 1 }, { token: ws.token });
    expect(extra.status).toBe(400);
    const offline = await t.api.put(`${presenceUrl()}/${agentA.userId}`, { status: "offline" }, { token: ws.token });
    expect(offline.status).toBe(400);
    expect((await t.api.put(`${presenceUrl()}/${agentB.userId}`, body, { token: managerB.token })).status).toBe(200);
    // A supervisor sets agents' status, never that of a colleague above the roles they may invite.
    const admin = await t.api.put(`${presenceUrl()}/${ws.userId}`, body, { token: supervisorA.token });
    expect(admin.status).toBe(403);
    expect(admin.body.error.code).toBe("FORBIDDEN");
  });

  it("a watcher moved to another team gets a new snapshot and that team's changes", async () => {
    const mover = await addMember(ws.workspaceId, { name: "Mia Mover", roles: ["supervisor"], teams: [ws.teamId] });
    const watcher = await watcherOf(mover);
    expect(watcher.snapshot.items.map((p) => p.userId)).not.toContain(agentB.userId);
    await MembershipModel.updateOne({ workspaceId: ws.workspaceId, userId: mover.userId }, { teams: [teamB] });
    const snapshot = nextEvent<{ items: Presence[] }>(watcher.socket, "presence:snapshot");
    t.deps.events.emit("membership.changed", { workspaceId: ws.workspaceId, userId: mover.userId });
    expect((await snapshot).items.map((p) => p.userId)).toContain(agentB.userId);
    const seesB = nextEvent<Presence>(watcher.socket, "presence:changed", (p) => p.userId === agentB.userId);
    const dock = await dockOf(agentB);
    await seesB;
    dock.close();
  });

  it("lists each member's own chat limit, and watchers get a new snapshot when a team's limit changes", async () => {
    const admin = await watcherOf({ token: ws.token });
    const workspaceLimit = admin.snapshot.chatLimits[agentA.userId];
    expect(workspaceLimit).toBeGreaterThan(1);
    expect(admin.snapshot.chatLimits[agentB.userId]).toBe(workspaceLimit);

    const next = nextEvent<{ items: Presence[]; chatLimits: Record<string, number> }>(admin.socket, "presence:snapshot");
    const res = await t.api.patch(`/api/workspaces/${ws.workspaceId}/teams/${teamB}`, { settings: { chatsPerUser: 1 } }, { token: ws.token });
    expect(res.status).toBe(200);
    const fresh = await next;
    expect(fresh.chatLimits[agentB.userId]).toBe(1);
    expect(fresh.chatLimits[agentA.userId]).toBe(workspaceLimit);
    expect((await t.api.get(presenceUrl(), { token: viewer.token })).body.chatLimits[agentB.userId]).toBe(1);

    // A member's own override (with the dock switch on) wins over the team's.
    const override = nextEvent<{ chatLimits: Record<string, number> }>(admin.socket, "presence:snapshot");
    const own = await t.api.put(`/api/workspaces/${ws.workspaceId}/members/${agentB.userId}/settings`, { overrideDockSettings: true, overrides: { chatsPerUser: 4 } }, { token: ws.token });
    expect(own.status).toBe(200);
    expect((await override).chatLimits[agentB.userId]).toBe(4);
  });

  it("a member renamed in the console is renamed on the board at once, live and in later snapshots", async () => {
    const renamed = await addMember(ws.workspaceId, { name: "Rae Before", roles: ["agent"], teams: [ws.teamId] });
    // Written straight to the database: announce the join as accepting an invitation does.
    t.deps.events.emit("membership.changed", { workspaceId: ws.workspaceId, userId: renamed.userId });
    const admin = await watcherOf({ token: ws.token });
    expect(admin.snapshot.items.find((p) => p.userId === renamed.userId)?.name).toBe("Rae Before");
    const live = nextEvent<Presence>(admin.socket, "presence:changed", (p) => p.userId === renamed.userId);
    const res = await t.api.patch(`/api/workspaces/${ws.workspaceId}/members/${renamed.userId}`, { profile: { lastName: "After" } }, { token: ws.token });
    expect(res.status).toBe(200);
    expect((await live).name).toBe("Rae After");
    const rest = await t.api.get(presenceUrl(), { token: viewer.token });
    expect(rest.body.items.find((p: Presence) => p.userId === renamed.userId)?.name).toBe("Rae After");
    expect((await watcherOf(supervisorA)).snapshot.items.find((p) => p.userId === renamed.userId)?.name).toBe("Rae After");
  });
});

describe("lastActiveAt", () => {
  // Runs last: it moves the clock past the persist throttle.
  it("is written while the member stays online, at most once per presencePersistMs", async () => {
    const member = await addMember(ws.workspaceId, { name: "Lea Lively", roles: ["agent"], teams: [ws.teamId] });
    const lastActive = async () => (await MembershipModel.findOne({ workspaceId: ws.workspaceId, userId: member.userId }).lean())?.lastActiveAt?.toISOString() ?? null;
    const dock = await dockOf(member);
    const early = await request<{ ok: true; data: Presence }>(dock, "chat:state", { activeChats: 1 });
    expect(early.data.lastSeenAt).not.toBeNull();
    await sleep(100);
    expect(await lastActive()).toBeNull();
    t.clock.advance(t.deps.config.presencePersistMs);
    const due = await request<{ ok: true; data: Presence }>(dock, "chat:state", { activeChats: 2 });
    // Throttled writes are gathered and flushed once a second (real time), so allow for one flush.
    await expect.poll(lastActive, { timeout: 3_000 }).toBe(due.data.lastSeenAt);
    t.clock.advance(1_000);
    const throttled = await request<{ ok: true; data: Presence }>(dock, "chat:state", { activeChats: 3 });
    expect(throttled.data.lastSeenAt).not.toBe(due.data.lastSeenAt);
    await sleep(100);
    expect(await lastActive()).toBe(due.data.lastSeenAt);
    dock.close();
  });
});
