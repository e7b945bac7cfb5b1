import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { membershipsOf } from "../members/membership-cache.js";
import { TeamModel } from "../teams/team.model.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { loadEffectiveSettingsOf, loadMemberSettings } from "./member-settings.service.js";

let t: TestServer;
let admin: Awaited<ReturnType<typeof setUpWorkspace>>;
let base: string;
let otherTeamId: string;
let manager: TestMember;
let restrictedManager: TestMember;
let supervisor: TestMember;
let viewer: TestMember;
let agent: TestMember;
let otherAgent: TestMember;
let secondaryAgent: TestMember;
const events: Array<{ workspaceId: string; userIds: string[] | "all" }> = [];

beforeAll(async () => {
  t = await startTestServer();
  admin = await setUpWorkspace(t.api);
  base = `/api/workspaces/${admin.workspaceId}`;
  otherTeamId = (await t.api.post(`${base}/teams`, { name: "Sales" }, { token: admin.token })).body.id;
  const ws = admin.workspaceId;
  manager = await addTestMember(t, ws, { roles: ["manager"], teams: [admin.teamId] });
  restrictedManager = await addTestMember(t, ws, { roles: ["manager"], teams: [admin.teamId], restrictions: { noWorkspaceSettings: true } });
  supervisor = await addTestMember(t, ws, { roles: ["supervisor"], teams: [admin.teamId] });
  viewer = await addTestMember(t, ws, { roles: ["viewer"], teams: [admin.teamId] });
  agent = await addTestMember(t, ws, { roles: ["agent"], teams: [admin.teamId], name: "Alice Agent" });
  otherAgent = await addTestMember(t, ws, { roles: ["agent"], teams: [admin.teamId], name: "Bob Agent" });
  secondaryAgent = await addTestMember(t, ws, { roles: ["agent"], teams: [otherTeamId, admin.teamId] });
  t.deps.events.on("settings.changed", (event) => events.push(event));
});
afterAll(() => t.close());

const settingsOf = (member: { userId: string }, token = admin.token) => t.api.get(`${base}/members/${member.userId}/settings`, { token });
const putOverrides = (member: { userId: string }, body: unknown, token = admin.token) => t.api.put(`${base}/members/${member.userId}/settings`, body, { token });
const lastEvent = () => events.at(-1);

describe("workspace settings: who may read and change them", () => {
  it("lets admins and unrestricted managers change them; refuses a restricted manager, supervisors, viewers and agents", async () => {
    const body = { settings: { chatsPerUser: 2 } };
    expect((await t.api.put(`${base}/settings`, body, { token: admin.token })).status).toBe(200);
    expect((await t.api.put(`${base}/settings`, body, { token: manager.token })).status).toBe(200);
    for (const member of [restrictedManager, supervisor, viewer, agent]) {
      const res = await t.api.put(`${base}/settings`, { settings: { chatsPerUser: 4 } }, { token: member.token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    expect((await t.api.get(`${base}/settings`, { token: admin.token })).body.settings).toEqual({ chatsPerUser: 2 });
  });

  it("lets console users read them, but not a manager restricted from workspace settings, nor agents", async () => {
    for (const member of [manager, supervisor, viewer]) {
      expect((await t.api.get(`${base}/settings`, { token: member.token })).status).toBe(200);
    }
    expect((await t.api.get(`${base}/settings`, { token: restrictedManager.token })).status).toBe(403);
    expect((await t.api.get(`${base}/settings`, { token: agent.token })).status).toBe(403);
  });

  it("lets only admins change locks; a manager may save with the locks unchanged", async () => {
    const refused = await t.api.put(`${base}/settings`, { settings: {}, locks: ["callRecording"] }, { token: manager.token });
    expect(refused.status).toBe(403);
    expect((await t.api.get(`${base}/settings`, { token: admin.token })).body.locks).toEqual([]);
    expect((await t.api.put(`${base}/settings`, { settings: { chatsPerUser: 2 }, locks: [] }, { token: manager.token })).status).toBe(200);
    const locked = await t.api.put(`${base}/settings`, { settings: { chatsPerUser: 2 }, locks: ["callRecording"] }, { token: admin.token });
    expect(locked.body.locks).toEqual(["callRecording"]);
    expect((await t.api.put(`${base}/settings`, { settings: { chatsPerUser: 3 } }, { token: manager.token })).status).toBe(200);
    expect((await t.api.get(`${base}/settings`, { token: admin.token })).body.locks).toEqual(["callRecording"]);
    await t.api.put(`${base}/settings`, { settings: {}, locks: [] }, { token: admin.token });
  });

  it("audits the change and announces it for every member", async () => {
    await t.api.put(`${base}/settings`, { settings: { autoHideDock: true }, awayReasons: ["Break", "Coaching"] }, { token: admin.token });
    expect(lastEvent()).toEqual({ workspaceId: admin.workspaceId, userIds: "all" });
    const audit = await AuditEventModel.findOne({ workspaceId: admin.workspaceId, action: "workspace.settings_changed" }).sort({ at: -1 }).lean();
    expect(audit?.actorId?.toString()).toBe(admin.userId);
    expect(audit?.after).toMatchObject({ settings: { autoHideDock: true }, awayReasons: ["Break", "Coaching"] });
    expect((await t.api.get(`${base}/settings`, { token: viewer.token })).body.awayReasons).toEqual(["Break", "Coaching"]);
    await t.api.put(`${base}/settings`, { settings: {} }, { token: admin.token });
  });
});

describe("member settings: inherited values, origins and overrides", () => {
  it("shows a member without overrides the team's new value with its origin; an override changes only that member", async () => {
    // Acceptance 4, over the API: the admin changes the team's auto-answer.
    expect((await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: { autoAnswerSeconds: 7 } }, { token: admin.token })).status).toBe(200);
    for (const member of [agent, otherAgent]) {
      const view = (await settingsOf(member)).body;
      expect(view.values.autoAnswerSeconds).toBe(7);
      expect(view.origins.autoAnswerSeconds).toBe("team:Tier 1");
      expect(view.primaryTeam).toEqual({ id: admin.teamId, name: "Tier 1" });
    }
    const put = await putOverrides(agent, { overrideDockSettings: true, overrides: { autoAnswerSeconds: 30 } });
    expect(put.status).toBe(200);
    expect(put.body.values.autoAnswerSeconds).toBe(30);
    expect(put.body.origins.autoAnswerSeconds).toBe("user");
    expect(put.body.inherited.values.autoAnswerSeconds).toBe(7);
    expect(put.body.inherited.origins.autoAnswerSeconds).toBe("team:Tier 1");
    expect((await settingsOf(otherAgent)).body.values.autoAnswerSeconds).toBe(7);
    expect(lastEvent()).toEqual({ workspaceId: admin.workspaceId, userIds: [agent.userId] });
  });

  it("ignores dock overrides while the switch is off, but applies phone overrides", async () => {
    const off = await putOverrides(agent, { overrideDockSettings: false, overrides: { autoAnswerSeconds: 30, forwardTo: "+14155550167" } });
    expect(off.body.values.autoAnswerSeconds).toBe(7);
    expect(off.body.origins.autoAnswerSeconds).toBe("team:Tier 1");
    expect(off.body.values.forwardTo).toBe("+14155550167");
    expect(off.body.origins.forwardTo).toBe("user");
    expect(off.body.overrides).toEqual({ autoAnswerSeconds: 30, forwardTo: "+14155550167" });
    // Leaving the switch out keeps it as it is.
    const kept = await putOverrides(agent, { overrides: { autoAnswerSeconds: 20 } });
    expect(kept.body.overrideDockSettings).toBe(false);
    await putOverrides(agent, { overrideDockSettings: false, overrides: {} });
  });

  it("lets a member read their own settings; other members' only with members.view", async () => {
    expect((await settingsOf(agent, agent.token)).status).toBe(200);
    expect((await settingsOf(otherAgent, agent.token)).status).toBe(403);
    expect((await settingsOf(agent, viewer.token)).status).toBe(200);
    expect((await settingsOf({ userId: "a".repeat(24) })).status).toBe(404);
  });

  it("lets supervisors and managers set overrides for members of their teams below them, and nobody else", async () => {
    const body = { overrides: { channel: "phone" } };
    expect((await putOverrides(otherAgent, body, supervisor.token)).status).toBe(200);
    expect((await putOverrides(otherAgent, body, manager.token)).status).toBe(200);
    // A manager may not edit an admin; a supervisor not a manager; agents and viewers nobody.
    expect((await putOverrides(admin, body, manager.token)).status).toBe(403);
    expect((await putOverrides(manager, body, supervisor.token)).status).toBe(403);
    expect((await putOverrides(otherAgent, body, agent.token)).status).toBe(403);
    expect((await putOverrides(agent, body, agent.token)).status).toBe(403);
    expect((await putOverrides(otherAgent, body, viewer.token)).status).toBe(403);
    await putOverrides(otherAgent, { overrides: {} });
  });

  it("refuses a supervisor setting overrides for an agent of another team", async () => {
    const outsider = await addTestMember(t, admin.workspaceId, { roles: ["agent"], teams: [otherTeamId] });
    expect((await putOverrides(outsider, { overrides: { channel: "chat" } }, supervisor.token)).status).toBe(403);
    expect((await settingsOf(outsider)).body.overrides).toEqual({});
  });
});

describe("locks", () => {
  it("refuses a team or user override of a field locked at workspace level with 409 and the field path", async () => {
    await t.api.put(`${base}/settings`, { settings: { chatsPerUser: 2 }, locks: ["chatsPerUser"] }, { token: admin.token });
    const team = await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: { chatsPerUser: 4 } }, { token: admin.token });
    expect(team.status).toBe(409);
    expect(team.body.error.code).toBe("SETTING_LOCKED");
    expect(team.body.error.details).toMatchObject({ path: "settings.chatsPerUser", lockedAt: "workspace" });
    const user = await putOverrides(agent, { overrideDockSettings: true, overrides: { chatsPerUser: 4 } });
    expect(user.status).toBe(409);
    expect(user.body.error.details).toMatchObject({ path: "overrides.chatsPerUser", lockedAt: "workspace" });
    const view = (await settingsOf(agent)).body;
    expect(view.overrides).toEqual({});
    expect(view.locked.chatsPerUser).toBe("workspace");
    expect(view.values.chatsPerUser).toBe(2);
  });

  it("refuses a user override of a field locked at team level; a manager may not change team locks", async () => {
    const byManager = await t.api.patch(`${base}/teams/${admin.teamId}`, { locks: ["forwardTo"] }, { token: manager.token });
    expect(byManager.status).toBe(403);
    const locked = await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: { autoAnswerSeconds: 7, forwardTo: "+442079460958" }, locks: ["forwardTo"] }, { token: admin.token });
    expect(locked.status).toBe(200);
    expect(locked.body.locks).toEqual(["forwardTo"]);
    expect(lastEvent()?.userIds).toEqual(expect.arrayContaining([agent.userId, otherAgent.userId]));
    const user = await putOverrides(agent, { overrides: { forwardTo: "+14155550167" } });
    expect(user.status).toBe(409);
    expect(user.body.error.details).toMatchObject({ path: "overrides.forwardTo", lockedAt: "team" });
    const view = (await settingsOf(agent)).body;
    expect(view.values.forwardTo).toBe("+442079460958");
    expect(view.locked.forwardTo).toBe("team");
  });

  it("keeps an override stored before its field was locked when it is sent back unchanged, and ignores it", async () => {
    await putOverrides(otherAgent, { overrides: { channel: "chat" } });
    await t.api.put(`${base}/settings`, { settings: { chatsPerUser: 2 }, locks: ["chatsPerUser", "channel"] }, { token: admin.token });
    const res = await putOverrides(otherAgent, { overrides: { channel: "chat", callRecording: true } });
    expect(res.status).toBe(200);
    expect(res.body.values.channel).toBe("all");
    expect(res.body.values.callRecording).toBe(true);
    expect((await putOverrides(otherAgent, { overrides: { channel: "phone" } })).status).toBe(409);
    await t.api.put(`${base}/settings`, { settings: {}, locks: [] }, { token: admin.token });
    await putOverrides(otherAgent, { overrides: {} });
  });
});

describe("settings pushed to docks after a change", () => {
  it("reads the workspace and its teams once for every member it reaches, with each member's own values", async () => {
    const members = [agent, otherAgent, secondaryAgent, manager];
    const memberships = membershipsOf(t.deps);
    const one = await Promise.all(members.map((m) => loadMemberSettings(memberships, admin.workspaceId, m.userId)));
    const workspaceReads = vi.spyOn(WorkspaceModel, "findById");
    const teamReads = vi.spyOn(TeamModel, "find");
    const teamLookups = vi.spyOn(TeamModel, "findOne");
    try {
      const all = await loadEffectiveSettingsOf(memberships, admin.workspaceId, [...members.map((m) => m.userId), "f".repeat(24)]);
      expect(workspaceReads).toHaveBeenCalledTimes(1);
      expect(teamReads).toHaveBeenCalledTimes(1);
      expect(teamLookups).not.toHaveBeenCalled();
      expect([...all.keys()]).toEqual(members.map((m) => m.userId));
      members.forEach((m, i) => expect(all.get(m.userId)).toEqual(one[i]!.values));
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe("settings.changed events", () => {
  it("announces a team change to the members whose primary team it is, not to those who have it second", async () => {
    events.length = 0;
    await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: { autoAnswerSeconds: 9 } }, { token: admin.token });
    expect(events).toHaveLength(1);
    const userIds = events[0]!.userIds as string[];
    expect([...userIds].sort()).toEqual(
      [admin.userId, manager.userId, restrictedManager.userId, supervisor.userId, viewer.userId, agent.userId, otherAgent.userId].sort(),
    );
    expect(userIds).not.toContain(secondaryAgent.userId);

    events.length = 0;
    await t.api.patch(`${base}/teams/${otherTeamId}`, { settings: { channel: "chat" } }, { token: admin.token });
    expect(events[0]?.userIds).toContain(secondaryAgent.userId);
    expect((await settingsOf(secondaryAgent)).body.origins.channel).toBe("team:Sales");
  });

  it("stays quiet for a rename, which changes no value", async () => {
    events.length = 0;
    expect((await t.api.patch(`${base}/teams/${otherTeamId}`, { name: "Sales EMEA" }, { token: admin.token })).status).toBe(200);
    expect(events).toEqual([]);
    expect((await settingsOf(secondaryAgent)).body.origins.channel).toBe("team:Sales EMEA");
  });

  it("audits member and team settings changes", async () => {
    await putOverrides(otherAgent, { overrideDockSettings: true, overrides: { hideCallHistory: true } }, supervisor.token);
    const audit = await AuditEventModel.findOne({ action: "member.settings_changed", "target.id": otherAgent.userId }).sort({ at: -1 }).lean();
    expect(audit?.actorId?.toString()).toBe(supervisor.userId);
    expect(audit?.after).toEqual({ overrides: { hideCallHistory: true }, overrideDockSettings: true });
    expect(await AuditEventModel.countDocuments({ action: "team.changed", "target.id": admin.teamId })).toBeGreaterThan(0);
  });
});
