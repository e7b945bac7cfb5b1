import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { ContactModel } from "../contacts/contact.model.js";
import { UserModel } from "../users/user.model.js";
import { csvCell } from "./members-export.js";
import { MembershipModel } from "./membership.model.js";

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let manager: TestMember;
let supervisor: TestMember;
let viewer: TestMember;
let keeper: TestMember;

const revoke = (token: string, userId: string, body: unknown = {}) => t.api.post(`/api/workspaces/${ws.workspaceId}/members/${userId}/revoke`, body, { token });
const exportCsv = (token: string) => t.api.get(`/api/workspaces/${ws.workspaceId}/members/export.csv`, { token });
const contact = (name: string, assigneeId: string | null) => ContactModel.create({ workspaceId: ws.workspaceId, name, nameLower: name.toLowerCase(), assigneeId });
const assigneeOf = async (id: unknown) => {
  const found = await ContactModel.findById(id).lean();
  return found!.assigneeId ? String(found!.assigneeId) : null;
};

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  manager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId] });
  supervisor = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId] });
  viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] });
  keeper = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Kim Keeper" });
});
afterAll(() => t.close());

describe("revoke access", () => {
  it("moves exactly that member's contacts to the chosen member, ends their sessions at once, and audits", async () => {
    const leaver = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Lee Leaver" });
    const mine = [await contact("C1", leaver.userId), await contact("C2", leaver.userId)];
    const others = [await contact("C3", keeper.userId), await contact("C4", null)];
    const events: unknown[] = [];
    t.deps.events.on("membership.revoked", (e) => events.push(["membership.revoked", e]));
    t.deps.events.on("sessions.revoked", (e) => events.push(["sessions.revoked", e]));
    expect((await t.api.get("/api/me", { token: leaver.token })).status).toBe(200);

    const res = await revoke(manager.token, leaver.userId, { reassignContactsTo: keeper.userId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userId: leaver.userId, contactsMoved: 2 });
    for (const c of mine) expect(await assigneeOf(c._id)).toBe(keeper.userId);
    expect(await assigneeOf(others[0]!._id)).toBe(keeper.userId);
    expect(await assigneeOf(others[1]!._id)).toBeNull();

    const membership = await MembershipModel.findOne({ userId: leaver.userId }).lean();
    expect(membership).toMatchObject({ status: "revoked" });
    expect(String(membership!.revokedBy)).toBe(manager.userId);
    expect(membership!.revokedAt).toBeInstanceOf(Date);
    expect(await UserModel.exists({ _id: leaver.userId })).not.toBeNull();

    const after = await t.api.get("/api/me", { token: leaver.token });
    expect(after.status).toBe(401);
    expect(events).toEqual([
      ["membership.revoked", { workspaceId: ws.workspaceId, userId: leaver.userId, by: manager.userId }],
      ["sessions.revoked", { userId: leaver.userId, reason: "revoked" }],
    ]);
    const audit = await AuditEventModel.findOne({ action: "member.revoked", "target.id": leaver.userId }).lean();
    expect(audit).toMatchObject({ after: { status: "revoked", reassignContactsTo: keeper.userId, contactsMoved: 2 } });

    const active = await t.api.get(`/api/workspaces/${ws.workspaceId}/members?pageSize=200`, { token: ws.token });
    expect(active.body.items.map((m: { userId: string }) => m.userId)).not.toContain(leaver.userId);
    const revoked = await t.api.get(`/api/workspaces/${ws.workspaceId}/members?status=revoked`, { token: ws.token });
    expect(revoked.body.items.map((m: { userId: string }) => m.userId)).toEqual([leaver.userId]);
    // Cannot be undone: a second revoke finds no active member.
    expect((await revoke(ws.token, leaver.userId)).status).toBe(404);
  });

  it("leaves the contacts unassigned without a reassignment", async () => {
    const leaver = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] });
    const c = await contact("C5", leaver.userId);
    const res = await revoke(ws.token, leaver.userId, { reassignContactsTo: null });
    expect(res.body.contactsMoved).toBe(1);
    expect(await assigneeOf(c._id)).toBeNull();
  });

  it("refuses a reassignment to someone who is not another active member, changing nothing", async () => {
    const leaver = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
    const c = await contact("C6", leaver.userId);
    for (const target of [leaver.userId, "0123456789abcdef01234567"]) {
      const res = await revoke(ws.token, leaver.userId, { reassignContactsTo: target });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe("reassignContactsTo");
    }
    expect(await assigneeOf(c._id)).toBe(leaver.userId);
    expect((await MembershipModel.findOne({ userId: leaver.userId }).lean())!.status).toBe("active");
  });

  it("role by role: managers revoke up to supervisors; supervisors, viewers and agents revoke nobody; nobody revokes themselves", async () => {
    const target = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
    for (const member of [supervisor, viewer, keeper]) {
      const res = await revoke(member.token, target.userId);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const otherManager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId] });
    for (const userId of [ws.userId, otherManager.userId]) {
      const res = await revoke(manager.token, userId);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("ROLE_CEILING");
    }
    const self = await revoke(manager.token, manager.userId);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe("SELF_ACCESS_CHANGE");
    expect((await revoke(ws.token, ws.userId)).body.error.code).toBe("SELF_ACCESS_CHANGE");
    expect(await MembershipModel.countDocuments({ workspaceId: ws.workspaceId, status: "active", userId: ws.userId })).toBe(1);
    expect((await revoke(manager.token, target.userId)).status).toBe(200);
    expect((await revoke(ws.token, otherManager.userId)).status).toBe(200);
  });
});

describe("export members CSV", () => {
  it("neutralises cells starting with = + - @ or a tab (CSV injection)", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("+14155550100")).toBe("'+14155550100");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("Plain, with comma")).toBe('"Plain, with comma"');
    expect(csvCell("Ann")).toBe("Ann");
  });

  it("exports name, e-mail, phone, roles, team names, status and last active, escaped", async () => {
    const evil = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "=HYPERLINK(x) Evil" });
    await MembershipModel.updateOne({ userId: evil.userId }, { $set: { phone: "+14155550100", lastActiveAt: new Date("2026-01-02T03:04:05Z") } });
    // The export reads active members from the server's membership copy: announce the write as the services do.
    t.deps.events.emit("membership.changed", { workspaceId: ws.workspaceId, userId: evil.userId });
    const at = await addTestMember(t, ws.workspaceId, { roles: ["agent", "viewer"], teams: [ws.teamId], name: "@Handle Name" });
    const res = await exportCsv(ws.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("members.csv");
    const lines = res.text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("name,email,phone,roles,teams,status,last active");
    expect(lines).toContain(`'=HYPERLINK(x) Evil,${evil.email},'+14155550100,agent,Tier 1,active,2026-01-02T03:04:05.000Z`);
    expect(lines).toContain(`'@Handle Name,${at.email},,agent|viewer,Tier 1,active,`);
    expect(lines.some((line) => line.startsWith("Ada Admin,ada@example.com,,admin,Tier 1,active,"))).toBe(true);
    expect(lines.filter((line) => line.includes(",revoked,")).length).toBeGreaterThanOrEqual(1);
    for (const line of lines.slice(1)) expect(line).not.toMatch(/^[=+\-@\t]/);
  });

  it("role by role: admins and unrestricted managers export; restricted managers, supervisors, viewers and agents do not", async () => {
    expect((await exportCsv(manager.token)).status).toBe(200);
    const restricted = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId], restrictions: { noDataExport: true } });
    for (const member of [restricted, supervisor, viewer, keeper]) {
      const res = await exportCsv(member.token);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
  });
});

// Last: one of the two admins ends up revoked, so the first admin's token may stop working.
describe("last admin", () => {
  it("never removes the last admin, even when two admins revoke each other at once", async () => {
    const second = await addTestMember(t, ws.workspaceId, { roles: ["admin"], teams: [ws.teamId] });
    const results = await Promise.all([revoke(ws.token, second.userId), revoke(second.token, ws.userId)]);
    // Depending on interleaving one wins, or both are undone; never both.
    const succeeded = results.filter((r) => r.status === 200).length;
    const adminsLeft = await MembershipModel.countDocuments({ workspaceId: ws.workspaceId, status: "active", roles: "admin" });
    expect(succeeded).toBeLessThanOrEqual(1);
    expect(adminsLeft).toBe(2 - succeeded);
  });
});
