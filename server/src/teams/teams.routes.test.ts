import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { ContactModel } from "../contacts/contact.model.js";
import { MembershipModel } from "../members/membership.model.js";

let t: TestServer;
let admin: Awaited<ReturnType<typeof setUpWorkspace>>;
let base: string;
let salesId: string;
let manager: TestMember;
let restrictedManager: TestMember;
let supervisor: TestMember;
let viewer: TestMember;
let agent: TestMember;

beforeAll(async () => {
  t = await startTestServer();
  admin = await setUpWorkspace(t.api);
  base = `/api/workspaces/${admin.workspaceId}`;
  salesId = (await t.api.post(`${base}/teams`, { name: "Sales" }, { token: admin.token })).body.id;
  const ws = admin.workspaceId;
  manager = await addTestMember(t, ws, { roles: ["manager"], teams: [admin.teamId] });
  restrictedManager = await addTestMember(t, ws, { roles: ["manager"], teams: [admin.teamId], restrictions: { noWorkspaceSettings: true } });
  supervisor = await addTestMember(t, ws, { roles: ["supervisor"], teams: [admin.teamId] });
  viewer = await addTestMember(t, ws, { roles: ["viewer"], teams: [admin.teamId] });
  agent = await addTestMember(t, ws, { roles: ["agent"], teams: [salesId, admin.teamId] });
});
afterAll(() => t.close());

describe("teams list", () => {
  it("lists every team with its active member count, settings and locks", async () => {
    const res = await t.api.get(`${base}/teams`, { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 2,
      items: [
        { id: salesId, name: "Sales", memberCount: 1, settings: {}, locks: [] },
        { id: admin.teamId, name: "Tier 1", memberCount: 6, settings: {}, locks: [] },
      ],
    });
    expect((await t.api.get(`${base}/teams`, { token: agent.token })).status).toBe(200);
  });

  it("does not count revoked members", async () => {
    const leaver = await addTestMember(t, admin.workspaceId, { roles: ["agent"], teams: [salesId] });
    await MembershipModel.updateOne({ userId: leaver.userId }, { status: "revoked" });
    expect((await t.api.get(`${base}/teams/${salesId}`, { token: admin.token })).body.memberCount).toBe(1);
  });
});

describe("creating and renaming", () => {
  it("creates a team for admins and unrestricted managers only", async () => {
    const created = await t.api.post(`${base}/teams`, { name: "Tier 2" }, { token: manager.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Tier 2", memberCount: 0, settings: {}, locks: [] });
    for (const member of [restrictedManager, supervisor, viewer, agent]) {
      expect((await t.api.post(`${base}/teams`, { name: `By ${member.userId}` }, { token: member.token })).status).toBe(403);
    }
    const audit = await AuditEventModel.findOne({ action: "team.created", "target.id": created.body.id }).lean();
    expect(audit?.actorId?.toString()).toBe(manager.userId);
  });

  it("refuses a name already taken in any case with 409, on create and on rename", async () => {
    const dup = await t.api.post(`${base}/teams`, { name: "  tier 1 " }, { token: admin.token });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("CONFLICT");
    const rename = await t.api.patch(`${base}/teams/${salesId}`, { name: "TIER 1" }, { token: admin.token });
    expect(rename.status).toBe(409);
    expect((await t.api.get(`${base}/teams/${salesId}`, { token: admin.token })).body.name).toBe("Sales");
    expect((await t.api.post(`${base}/teams`, { name: "" }, { token: admin.token })).status).toBe(400);
  });

  it("renames a team, also to another case of its own name", async () => {
    const res = await t.api.patch(`${base}/teams/${salesId}`, { name: "SALES" }, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe("SALES");
    const audit = await AuditEventModel.findOne({ action: "team.changed", "target.id": salesId }).sort({ at: -1 }).lean();
    expect(audit?.before).toMatchObject({ name: "Sales" });
    expect(audit?.after).toMatchObject({ name: "SALES" });
  });
});

describe("team settings", () => {
  it("lets supervisors and managers change their own teams' settings, not other teams'", async () => {
    expect((await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: { chatsPerUser: 4 } }, { token: supervisor.token })).status).toBe(200);
    expect((await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: { chatsPerUser: 5 } }, { token: manager.token })).status).toBe(200);
    expect((await t.api.patch(`${base}/teams/${salesId}`, { settings: { chatsPerUser: 1 } }, { token: supervisor.token })).status).toBe(403);
    expect((await t.api.patch(`${base}/teams/${salesId}`, { name: "Mine now" }, { token: manager.token })).status).toBe(403);
    expect((await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: {} }, { token: viewer.token })).status).toBe(403);
    expect((await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: {} }, { token: agent.token })).status).toBe(403);
    expect((await t.api.get(`${base}/teams/${salesId}`, { token: admin.token })).body.settings).toEqual({});
    expect((await t.api.get(`${base}/teams/${admin.teamId}`, { token: admin.token })).body.settings).toEqual({ chatsPerUser: 5 });
  });

  it("lets only admins lock team fields", async () => {
    expect((await t.api.patch(`${base}/teams/${admin.teamId}`, { locks: ["chatsPerUser"] }, { token: supervisor.token })).status).toBe(403);
    const res = await t.api.patch(`${base}/teams/${admin.teamId}`, { locks: ["chatsPerUser", "chatsPerUser"] }, { token: admin.token });
    expect(res.body.locks).toEqual(["chatsPerUser"]);
    // Sending the same locks back with other changes is fine for a supervisor.
    expect((await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: { chatsPerUser: 3 }, locks: ["chatsPerUser"] }, { token: supervisor.token })).status).toBe(200);
  });

  it("answers 404 for a team of another workspace or none", async () => {
    expect((await t.api.patch(`${base}/teams/${"f".repeat(24)}`, { name: "X" }, { token: admin.token })).status).toBe(404);
    expect((await t.api.get(`${base}/teams/not-an-id`, { token: admin.token })).status).toBe(400);
  });
});

describe("deleting", () => {
  it("refuses to delete a team with active members (409), deletes it once empty and clears its contacts' team", async () => {
    const refused = await t.api.delete(`${base}/teams/${salesId}`, { token: admin.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ memberCount: 1 });
    await MembershipModel.updateOne({ userId: agent.userId }, { teams: [admin.teamId] });
    const contact = await ContactModel.create({ workspaceId: admin.workspaceId, name: "Lead", nameLower: "lead", teamId: salesId });
    expect((await t.api.delete(`${base}/teams/${salesId}`, { token: supervisor.token })).status).toBe(403);
    expect((await t.api.delete(`${base}/teams/${salesId}`, { token: restrictedManager.token })).status).toBe(403);
    expect((await t.api.delete(`${base}/teams/${salesId}`, { token: admin.token })).status).toBe(204);
    expect((await t.api.get(`${base}/teams/${salesId}`, { token: admin.token })).status).toBe(404);
    expect((await ContactModel.findById(contact._id).lean())?.teamId).toBeNull();
    expect(await AuditEventModel.countDocuments({ action: "team.deleted", "target.id": salesId })).toBe(1);
  });
});
