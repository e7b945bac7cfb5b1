import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { TeamModel } from "../teams/team.model.js";
import { MembershipModel } from "./membership.model.js";

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let tier2: string;
let admin2: TestMember;
let manager: TestMember;
let supervisor: TestMember;
let viewer: TestMember;
const agents: TestMember[] = [];

const bulk = (token: string, body: unknown) => t.api.post(`/api/workspaces/${ws.workspaceId}/members/bulk`, body, { token });
const stored = async (userId: string) => (await MembershipModel.findOne({ workspaceId: ws.workspaceId, userId }).lean())!;
const verdicts = (body: { results: { userId: string; status: string; code?: string }[] }) =>
  Object.fromEntries(body.results.map((r) => [r.userId, r.code ? `${r.status} ${r.code}` : r.status]));

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  tier2 = String((await TeamModel.create({ workspaceId: ws.workspaceId, name: "Tier 2", nameLower: "tier 2" }))._id);
  admin2 = await addTestMember(t, ws.workspaceId, { roles: ["admin"], teams: [ws.teamId], name: "Abe Admin" });
  manager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId], name: "Mona Manager" });
  supervisor = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId], name: "Sam Supervisor" });
  viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId], name: "Vic Viewer" });
  for (const name of ["Amy One", "Ben Two", "Cat Three", "Dan Four", "Eve Five", "Fay Six"]) {
    agents.push(await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name }));
  }
});
afterAll(() => t.close());

describe("POST members/bulk", () => {
  it("adds to and removes from a team member by member, saying who was already as asked", async () => {
    const [amy, ben] = agents;
    const added = await bulk(ws.token, { action: "addToTeam", userIds: [amy!.userId, ben!.userId], team: tier2 });
    expect(added.status).toBe(200);
    expect(verdicts(added.body)).toEqual({ [amy!.userId]: "done", [ben!.userId]: "done" });
    expect((await stored(amy!.userId)).teams.map(String)).toEqual([ws.teamId, tier2]);

    const again = await bulk(ws.token, { action: "addToTeam", userIds: [amy!.userId], team: tier2 });
    expect(verdicts(again.body)).toEqual({ [amy!.userId]: "unchanged" });

    const removed = await bulk(ws.token, { action: "removeFromTeam", userIds: [amy!.userId, ben!.userId], team: ws.teamId });
    expect(verdicts(removed.body)).toEqual({ [amy!.userId]: "done", [ben!.userId]: "done" });
    expect((await stored(ben!.userId)).teams.map(String)).toEqual([tier2]);
  });

  it("refuses to take a member out of their only team, and keeps them in it", async () => {
    const [, ben, cat] = agents;
    const res = await bulk(ws.token, { action: "removeFromTeam", userIds: [ben!.userId, cat!.userId], team: tier2 });
    expect(verdicts(res.body)).toEqual({ [ben!.userId]: "refused VALIDATION_FAILED", [cat!.userId]: "unchanged" });
    expect((await stored(ben!.userId)).teams.map(String)).toEqual([tier2]);
  });

  it("changes roles member by member and writes an audit event for each", async () => {
    const [, , cat, dan] = agents;
    const res = await bulk(ws.token, { action: "changeRoles", userIds: [cat!.userId, dan!.userId], roles: ["supervisor"] });
    expect(verdicts(res.body)).toEqual({ [cat!.userId]: "done", [dan!.userId]: "done" });
    expect((await stored(cat!.userId)).roles).toEqual(["supervisor"]);
    const audit = await t.api.get(`/api/workspaces/${ws.workspaceId}/audit?action=member.roles_changed`, { token: ws.token });
    expect(audit.body.items.map((e: { target: { id: string } }) => e.target.id)).toEqual(expect.arrayContaining([cat!.userId, dan!.userId]));
  });

  it("security: a manager's bulk revoke revokes the agents and refuses the admin and themselves, each with its own verdict", async () => {
    const [, , , , eve] = agents;
    const res = await bulk(manager.token, { action: "revoke", userIds: [admin2.userId, eve!.userId, manager.userId] });
    expect(res.status).toBe(200);
    expect(verdicts(res.body)).toEqual({
      [admin2.userId]: "refused ROLE_CEILING",
      [eve!.userId]: "done",
      [manager.userId]: "refused SELF_ACCESS_CHANGE",
    });
    expect((await stored(admin2.userId)).status).toBe("active");
    expect((await stored(manager.userId)).status).toBe("active");
    expect((await stored(eve!.userId)).status).toBe("revoked");
  });

  it("security: a manager cannot make anyone admin in a bulk role change; nobody's roles move", async () => {
    const [amy] = agents;
    const res = await bulk(manager.token, { action: "changeRoles", userIds: [amy!.userId], roles: ["admin"] });
    expect(verdicts(res.body)).toEqual({ [amy!.userId]: "refused ROLE_CEILING" });
    expect((await stored(amy!.userId)).roles).toEqual(["agent"]);
  });

  it("security: a supervisor may not revoke or change roles in bulk: refused as a whole, nothing written", async () => {
    const [, , , , , fay] = agents;
    for (const body of [
      { action: "revoke", userIds: [fay!.userId] },
      { action: "changeRoles", userIds: [fay!.userId], roles: ["viewer"] },
    ]) {
      const res = await bulk(supervisor.token, body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const after = await stored(fay!.userId);
    expect([after.status, after.roles]).toEqual(["active", ["agent"]]);
  });

  it("security: a supervisor moves members only within their own teams", async () => {
    const [, , , , , fay] = agents;
    const res = await bulk(supervisor.token, { action: "addToTeam", userIds: [fay!.userId], team: tier2 });
    expect(verdicts(res.body)).toEqual({ [fay!.userId]: "refused FORBIDDEN" });
    expect((await stored(fay!.userId)).teams.map(String)).toEqual([ws.teamId]);
  });

  it("security: viewers and agents run no bulk action", async () => {
    const [, , , , , fay] = agents;
    for (const token of [viewer.token, fay!.token]) {
      const res = await bulk(token, { action: "addToTeam", userIds: [fay!.userId], team: tier2 });
      expect(res.status).toBe(403);
    }
    expect((await stored(fay!.userId)).teams.map(String)).toEqual([ws.teamId]);
  });

  it("refuses an unknown member on their own line", async () => {
    const [, , , , , fay] = agents;
    const nobody = "0123456789abcdef01234567";
    const res = await bulk(ws.token, { action: "addToTeam", userIds: [nobody, fay!.userId], team: tier2 });
    expect(verdicts(res.body)).toEqual({ [nobody]: "refused NOT_FOUND", [fay!.userId]: "done" });
  });

  it.each([
    ["an unknown action", { action: "promote", userIds: ["0123456789abcdef01234567"] }, "action"],
    ["no members", { action: "revoke", userIds: [] }, "userIds"],
    ["201 members", { action: "revoke", userIds: Array.from({ length: 201 }, (_, i) => i.toString(16).padStart(24, "0")) }, "userIds"],
    ["no team", { action: "addToTeam", userIds: ["0123456789abcdef01234567"] }, "team"],
    ["an unknown role", { action: "changeRoles", userIds: ["0123456789abcdef01234567"], roles: ["boss"] }, "roles.0"],
    ["an unknown field", { action: "revoke", userIds: ["0123456789abcdef01234567"], extra: 1 }, "(root)"],
  ])("answers 400 VALIDATION_FAILED with the field path for %s", async (_label, body, path) => {
    const res = await bulk(ws.token, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.issues[0].path).toBe(path);
  });
});
