import { NO_RESTRICTIONS } from "@switchboard/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { TeamModel } from "../teams/team.model.js";
import { UserModel } from "../users/user.model.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { patchMember, revokeMember } from "./member-access.service.js";
import { MembershipModel } from "./membership.model.js";

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let tier2: string;
let manager: TestMember;
let supervisor: TestMember;
let viewer: TestMember;
let agent: TestMember;
let agent2: TestMember;
let viewerSupervisor: TestMember;

const members = (query = "") => `/api/workspaces/${ws.workspaceId}/members${query}`;
const patch = (token: string, userId: string, body: unknown) => t.api.patch(members(`/${userId}`), body, { token });
const rolesOf = async (userId: string) => (await MembershipModel.findOne({ workspaceId: ws.workspaceId, userId }).lean())!.roles;

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  tier2 = String((await TeamModel.create({ workspaceId: ws.workspaceId, name: "Tier 2", nameLower: "tier 2" }))._id);
  manager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId], name: "Mona Manager" });
  supervisor = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId], name: "Sam Supervisor" });
  viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId], name: "Vic Viewer" });
  agent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Alex Agent" });
  agent2 = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [tier2], name: "Zoe Zulu" });
  viewerSupervisor = await addTestMember(t, ws.workspaceId, { roles: ["viewer", "supervisor"], teams: [ws.teamId], name: "Val Both" });
  await MembershipModel.updateOne({ userId: agent2.userId }, { $set: { phone: "+14155550199" } });
});
afterAll(() => t.close());

describe("GET members", () => {
  it("lists active members by name with the fields the table shows", async () => {
    const before = t.clock.now().getTime();
    const res = await t.api.get(members(), { token: ws.token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(7);
    expect(res.body.items.map((m: { name: string }) => m.name)).toEqual(["Ada Admin", "Alex Agent", "Mona Manager", "Sam Supervisor", "Val Both", "Vic Viewer", "Zoe Zulu"]);
    expect(res.body.items[0]).toEqual({
      userId: ws.userId,
      name: "Ada Admin",
      email: "ada@example.com",
      phone: null,
      roles: ["admin"],
      teams: [ws.teamId],
      restrictions: expect.any(Object),
      status: "active",
      // Issue 15: the admin is using the console right now, which is activity.
      lastActiveAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(Date.parse(res.body.items[0].lastActiveAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(res.body.items[0].lastActiveAt)).toBeLessThanOrEqual(t.clock.now().getTime());
    // Members who used neither the console nor a dock have never been active.
    expect(res.body.items.find((m: { name: string }) => m.name === "Zoe Zulu").lastActiveAt).toBeNull();
  });

  it("gets one member with the list's fields and the profile; agents are refused and unknown ids are 404", async () => {
    const res = await t.api.get(members(`/${agent2.userId}`), { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: agent2.userId, name: "Zoe Zulu", roles: ["agent"], teams: [tier2], phone: "+14155550199", status: "active" });
    // The whole member: the profile the list rows leave out.
    expect((await t.api.get(members(`/${ws.userId}`), { token: viewer.token })).body).toMatchObject({ firstName: "Ada", lastName: "Admin", skills: [], languages: [], username: null });
    expect((await t.api.get(members(`/${agent2.userId}`), { token: agent.token })).status).toBe(403);
    expect((await t.api.get(members(`/${"f".repeat(24)}`), { token: ws.token })).status).toBe(404);
    expect((await t.api.get(members("/not-an-id"), { token: ws.token })).status).toBe(400);
  });

  it("searches name, e-mail and phone digits, case-insensitively", async () => {
    const names = async (q: string) => (await t.api.get(members(`?q=${encodeURIComponent(q)}`), { token: ws.token })).body.items.map((m: { name: string }) => m.name);
    expect(await names("AGENT")).toEqual(["Alex Agent"]);
    expect(await names("zul")).toEqual(["Zoe Zulu"]);
    expect(await names("ada@exa")).toEqual(["Ada Admin"]);
    expect(await names("555 0199")).toEqual(["Zoe Zulu"]);
    expect(await names("(.*")).toEqual([]);
  });

  it("filters by team, role and status, and pages with a stable total", async () => {
    const get = async (query: string) => (await t.api.get(members(query), { token: ws.token })).body;
    expect((await get(`?team=${tier2}`)).items.map((m: { name: string }) => m.name)).toEqual(["Zoe Zulu"]);
    expect((await get("?role=supervisor")).items.map((m: { name: string }) => m.name)).toEqual(["Sam Supervisor", "Val Both"]);
    expect((await get("?status=revoked")).total).toBe(0);
    const page1 = await get("?pageSize=3&page=1");
    const page3 = await get("?pageSize=3&page=3");
    expect(page1.total).toBe(7);
    expect(page1.items).toHaveLength(3);
    expect(page3.items.map((m: { name: string }) => m.name)).toEqual(["Zoe Zulu"]);
  });

  it("is open to admin, manager, supervisor, viewer and multi-role members, closed to agents", async () => {
    for (const member of [manager, supervisor, viewer, viewerSupervisor]) expect((await t.api.get(members(), { token: member.token })).status).toBe(200);
    expect((await t.api.get(members(), { token: agent.token })).status).toBe(403);
  });
});

describe("PATCH member roles", () => {
  it("lets an admin change roles, audited with before and after", async () => {
    const events: unknown[] = [];
    t.deps.events.on("membership.changed", (e) => events.push(e));
    const res = await patch(ws.token, agent2.userId, { roles: ["agent", "viewer"] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: agent2.userId, roles: ["agent", "viewer"] });
    const audit = await AuditEventModel.findOne({ action: "member.roles_changed", "target.id": agent2.userId }).lean();
    expect(audit).toMatchObject({ actorName: "Ada Admin", before: { roles: ["agent"] }, after: { roles: ["agent", "viewer"] } });
    expect(events).toContainEqual({ workspaceId: ws.workspaceId, userId: agent2.userId });
  });

  it("refuses a manager granting admin or manager, and editing an admin", async () => {
    for (const roles of [["admin"], ["manager"], ["agent", "manager"]]) {
      const res = await patch(manager.token, agent.userId, { roles });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("ROLE_CEILING");
    }
    expect((await patch(manager.token, ws.userId, { roles: ["agent"] })).body.error.code).toBe("ROLE_CEILING");
    expect(await rolesOf(agent.userId)).toEqual(["agent"]);
    expect(await rolesOf(ws.userId)).toEqual(["admin"]);
  });

  it("lets a manager grant up to supervisor", async () => {
    expect((await patch(manager.token, agent2.userId, { roles: ["supervisor"] })).status).toBe(200);
    expect(await rolesOf(agent2.userId)).toEqual(["supervisor"]);
    await patch(ws.token, agent2.userId, { roles: ["agent"] });
  });

  it("refuses supervisors, viewers, agents and a viewer+supervisor changing roles", async () => {
    for (const member of [supervisor, viewerSupervisor]) {
      const res = await patch(member.token, agent.userId, { roles: ["viewer"] });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    for (const member of [viewer, agent2]) expect((await patch(member.token, agent.userId, { roles: ["viewer"] })).status).toBe(403);
    expect(await rolesOf(agent.userId)).toEqual(["agent"]);
  });

  it("refuses anyone changing their own roles, teams or restrictions", async () => {
    for (const body of [{ roles: ["agent"] }, { teams: [tier2] }, { restrictions: { noDataExport: true } }]) {
      const res = await patch(ws.token, ws.userId, body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("SELF_ACCESS_CHANGE");
    }
    expect((await patch(manager.token, manager.userId, { roles: ["supervisor"] })).body.error.code).toBe("SELF_ACCESS_CHANGE");
    expect(await rolesOf(ws.userId)).toEqual(["admin"]);
  });

  it("refuses demoting or revoking the last admin, as seen by a request whose actor was an admin when it started", async () => {
    // What a stale request looks like after its actor's own admin role was removed meanwhile.
    const stale = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
    const actor = { workspaceId: ws.workspaceId, membershipId: "stale", userId: stale.userId, name: "Stale", roles: ["admin" as const], teams: [ws.teamId], restrictions: NO_RESTRICTIONS };
    await expect(patchMember(t.deps, actor, ws.userId, { roles: ["agent"] })).rejects.toMatchObject({ code: "LAST_ADMIN" });
    await expect(revokeMember(t.deps, actor, ws.userId, null)).rejects.toMatchObject({ code: "LAST_ADMIN" });
    expect(await rolesOf(ws.userId)).toEqual(["admin"]);
    expect((await MembershipModel.findOne({ userId: ws.userId }).lean())!.status).toBe("active");
  });

  it("never leaves a workspace without an admin, even when two admins demote each other at once", async () => {
    const second = await addTestMember(t, ws.workspaceId, { roles: ["admin"], teams: [ws.teamId], name: "Second Admin" });
    const results = await Promise.all([patch(ws.token, second.userId, { roles: ["agent"] }), patch(second.token, ws.userId, { roles: ["agent"] })]);
    // Depending on interleaving one wins (the other is refused), or both are undone; never both.
    const succeeded = results.filter((r) => r.status === 200).length;
    const adminsLeft = await MembershipModel.countDocuments({ workspaceId: ws.workspaceId, status: "active", roles: "admin" });
    expect(succeeded).toBeLessThanOrEqual(1);
    expect(adminsLeft).toBe(2 - succeeded);
    // Put things back: the first admin stays admin for the rest of the file.
    if ((await rolesOf(ws.userId)).includes("admin")) await patch(ws.token, second.userId, { roles: ["agent"] });
    else await patch(second.token, ws.userId, { roles: ["admin"] });
    expect(await rolesOf(ws.userId)).toEqual(["admin"]);
  });
});

describe("PATCH member teams and restrictions", () => {
  it("lets a supervisor add an agent to their own team, but not remove them from another team", async () => {
    const add = await patch(supervisor.token, agent2.userId, { teams: [tier2, ws.teamId] });
    expect(add.status).toBe(200);
    expect(add.body.teams).toEqual([tier2, ws.teamId]);
    const remove = await patch(supervisor.token, agent2.userId, { teams: [ws.teamId] });
    expect(remove.status).toBe(403);
    expect(remove.body.error.code).toBe("FORBIDDEN");
    const viaBoth = await patch(viewerSupervisor.token, agent2.userId, { teams: [tier2] });
    expect(viaBoth.status).toBe(200);
    expect(await AuditEventModel.countDocuments({ action: "member.teams_changed", "target.id": agent2.userId })).toBe(2);
  });

  it("refuses a supervisor moving a manager, and viewers or agents moving anyone", async () => {
    const res = await patch(supervisor.token, manager.userId, { teams: [ws.teamId, tier2] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("ROLE_CEILING");
    expect((await patch(viewer.token, agent.userId, { teams: [tier2] })).status).toBe(403);
    expect((await patch(agent2.token, agent.userId, { teams: [tier2] })).status).toBe(403);
  });

  it("refuses an unknown team with 400 and changes nothing", async () => {
    const res = await patch(ws.token, agent.userId, { teams: ["0123456789abcdef01234567"], roles: ["viewer"] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("teams");
    expect(await rolesOf(agent.userId)).toEqual(["agent"]);
  });

  it("lets only admins set restrictions, changing just the fields named", async () => {
    const settings: unknown[] = [];
    t.deps.events.on("settings.changed", (e) => settings.push(e));
    expect((await patch(ws.token, agent.userId, { restrictions: { contactVisibility: "selfOnly" } })).status).toBe(200);
    const res = await patch(ws.token, agent.userId, { restrictions: { maskContactInfo: true } });
    expect(res.body.restrictions).toMatchObject({ contactVisibility: "selfOnly", maskContactInfo: true, hideWorkflows: false });
    expect(settings).toContainEqual({ workspaceId: ws.workspaceId, userIds: [agent.userId] });
    const byManager = await patch(manager.token, agent.userId, { restrictions: { maskContactInfo: false } });
    expect(byManager.status).toBe(403);
    expect((await MembershipModel.findOne({ userId: agent.userId }).lean())!.restrictions).toMatchObject({ maskContactInfo: true });
  });
});

describe("PATCH member profile", () => {
  it("updates the user and the searchable copies on every membership, audited", async () => {
    const res = await patch(ws.token, agent.userId, { profile: { firstName: "Alexa", lastName: "Agentova", phone: "+33 1 23 45 67 89", skills: ["billing"], languages: ["fr"], location: "Paris" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Alexa Agentova", firstName: "Alexa", phone: "+33123456789", skills: ["billing"], languages: ["fr"], location: "Paris" });
    const membership = await MembershipModel.findOne({ userId: agent.userId }).lean();
    expect(membership).toMatchObject({ name: "Alexa Agentova", nameLower: "alexa agentova", phone: "+33123456789" });
    const found = await t.api.get(members("?q=agentova"), { token: ws.token });
    expect(found.body.items.map((m: { userId: string }) => m.userId)).toEqual([agent.userId]);
    const audit = await AuditEventModel.findOne({ action: "member.profile_changed", "target.id": agent.userId }).lean();
    expect(audit!.before).toMatchObject({ firstName: "Alex" });
    expect(audit!.after).toMatchObject({ firstName: "Alexa", location: "Paris" });
  });

  it("changes the e-mail everywhere, refusing one that another user has", async () => {
    const taken = await patch(ws.token, agent.userId, { profile: { email: "ADA@example.com" } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("CONFLICT");
    expect((await patch(ws.token, agent.userId, { profile: { email: "Alexa@Example.com" } })).body.email).toBe("alexa@example.com");
    expect((await UserModel.findById(agent.userId).lean())!.emailLower).toBe("alexa@example.com");
    expect((await MembershipModel.findOne({ userId: agent.userId }).lean())!.emailLower).toBe("alexa@example.com");
  });

  it("leaves the memberships alone when no field they copy changes", async () => {
    const before = (await MembershipModel.findOne({ userId: agent2.userId }).lean())!;
    expect((await patch(ws.token, agent2.userId, { profile: { location: "Oslo", skills: ["returns"] } })).status).toBe(200);
    const after = (await MembershipModel.findOne({ userId: agent2.userId }).lean())!;
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect((await UserModel.findById(agent2.userId).lean())!.location).toBe("Oslo");
  });

  it("lets a member edit their own profile, and refuses editors below the member's role", async () => {
    expect((await patch(manager.token, manager.userId, { profile: { location: "Lyon" } })).status).toBe(200);
    expect((await patch(manager.token, ws.userId, { profile: { location: "Nowhere" } })).body.error.code).toBe("ROLE_CEILING");
    expect((await patch(supervisor.token, manager.userId, { profile: { location: "Nowhere" } })).status).toBe(403);
    expect((await patch(viewer.token, agent.userId, { profile: { location: "Nowhere" } })).status).toBe(403);
    // A supervisor edits agents of their own teams only (agent2 is in Tier 2 only by now).
    expect((await patch(supervisor.token, agent.userId, { profile: { skills: ["sales"] } })).status).toBe(200);
    expect((await patch(supervisor.token, agent2.userId, { profile: { skills: ["sales"] } })).status).toBe(403);
  });

  it("answers 404 for someone who is not a member", async () => {
    expect((await patch(ws.token, "0123456789abcdef01234567", { roles: ["agent"] })).status).toBe(404);
  });
});

describe("the members list stays in step with every change", () => {
  it("shows a rename in every workspace of the member, and a new role, a join and a revoke on the next request", async () => {
    const listed = async (workspaceId: string, query = "") =>
      (await t.api.get(`/api/workspaces/${workspaceId}/members${query}`, { token: ws.token })).body.items.map((m: { name: string }) => m.name);
    const workspace = await WorkspaceModel.findById(ws.workspaceId).lean();
    const second = await WorkspaceModel.create({ organizationId: workspace!.organizationId, name: "Sales" });
    const salesTeam = await TeamModel.create({ workspaceId: second._id, name: "Sales", nameLower: "sales" });
    await addTestMember(t, String(second._id), { roles: ["admin"], teams: [String(salesTeam._id)], name: "Other Admin" });
    await MembershipModel.create({ workspaceId: second._id, userId: ws.userId, roles: ["admin"], teams: [salesTeam._id], name: "Ada Admin", nameLower: "ada admin", emailLower: "ada@example.com" });
    const mover = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Moe Mover" });
    await MembershipModel.create({ workspaceId: second._id, userId: mover.userId, roles: ["agent"], teams: [salesTeam._id], name: "Moe Mover", nameLower: "moe mover", emailLower: mover.email });
    expect(await listed(ws.workspaceId, "?q=mover")).toEqual(["Moe Mover"]);
    expect(await listed(String(second._id))).toEqual(["Ada Admin", "Moe Mover", "Other Admin"]);

    // Renamed from the first workspace: the second one's list follows (the name is the user's).
    expect((await patch(ws.token, mover.userId, { profile: { firstName: "Aaron", lastName: "Mover" } })).status).toBe(200);
    expect(await listed(String(second._id))).toEqual(["Aaron Mover", "Ada Admin", "Other Admin"]);
    expect(await listed(ws.workspaceId, "?q=mover")).toEqual(["Aaron Mover"]);

    expect((await patch(ws.token, mover.userId, { roles: ["agent", "supervisor"] })).status).toBe(200);
    expect(await listed(ws.workspaceId, "?role=supervisor&q=mover")).toEqual(["Aaron Mover"]);

    const joiner = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Jo Joiner" });
    expect(await listed(ws.workspaceId, "?q=joiner")).toEqual(["Jo Joiner"]);

    expect((await t.api.post(members(`/${joiner.userId}/revoke`), {}, { token: ws.token })).status).toBe(200);
    expect(await listed(ws.workspaceId, "?q=joiner")).toEqual([]);
    expect(await listed(ws.workspaceId, "?q=joiner&status=revoked")).toEqual(["Jo Joiner"]);
  });
});
