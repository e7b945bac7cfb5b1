import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { ContactModel } from "../contacts/contact.model.js";
import { UserModel } from "../users/user.model.js";
import { MembershipModel } from "./membership.model.js";

/**
 * Issue 10 item 10: a PATCH mixing a profile change with a refused demotion (409 LAST_ADMIN)
 * saved the profile without an audit event. A refused request writes nothing.
 */

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };

const member = (userId: string) => `/api/workspaces/${ws.workspaceId}/members/${userId}`;
const firstNameOf = async (userId: string) => (await UserModel.findById(userId).lean())!.firstName;
const membershipOf = async (userId: string) => (await MembershipModel.findOne({ workspaceId: ws.workspaceId, userId }).lean())!;
const auditsOn = (userId: string) => AuditEventModel.countDocuments({ workspaceId: ws.workspaceId, "target.id": userId });

/**
 * An admin whose admin role was just taken away on another node: this node's membership copy
 * still says admin until the event arrives, so the request passes authorization.
 */
async function adminDemotedElsewhere(): Promise<TestMember> {
  const stale = await addTestMember(t, ws.workspaceId, { roles: ["admin"], teams: [ws.teamId] });
  // A first request loads this node's copy of the workspace while they are still admin.
  expect((await t.api.get(`/api/workspaces/${ws.workspaceId}/members`, { token: stale.token })).status).toBe(200);
  await MembershipModel.updateOne({ workspaceId: ws.workspaceId, userId: stale.userId }, { $set: { roles: ["agent"] } });
  return stale;
}

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
});
afterAll(() => t.close());

describe("a refused request writes nothing", () => {
  it("security: a profile change with a refused demotion of the last admin saves neither", async () => {
    const stale = await adminDemotedElsewhere();
    const auditsBefore = await auditsOn(ws.userId);
    const res = await t.api.patch(member(ws.userId), { profile: { firstName: "Hijacked" }, roles: ["agent"] }, { token: stale.token });
    expect(res.status, res.text).toBe(409);
    expect(res.body.error.code).toBe("LAST_ADMIN");
    expect(await firstNameOf(ws.userId)).toBe("Ada");
    expect((await membershipOf(ws.userId)).roles).toEqual(["admin"]);
    expect((await membershipOf(ws.userId)).name).toBe("Ada Admin");
    expect(await auditsOn(ws.userId)).toBe(auditsBefore);
  });

  it("security: a refused revoke of the last admin moves none of their contacts", async () => {
    const stale = await adminDemotedElsewhere();
    const heir = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
    const kept = await ContactModel.create({ workspaceId: ws.workspaceId, name: "Kept", nameLower: "kept", assigneeId: ws.userId });
    const res = await t.api.post(`${member(ws.userId)}/revoke`, { reassignContactsTo: heir.userId }, { token: stale.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("LAST_ADMIN");
    expect(String((await ContactModel.findById(kept._id).lean())!.assigneeId)).toBe(ws.userId);
    expect((await membershipOf(ws.userId)).status).toBe("active");
  });

  it("reliability: two admins demoting each other with a profile change at once — whatever is refused left no trace", async () => {
    for (let trial = 0; trial < 5; trial++) {
      const a = await addTestMember(t, ws.workspaceId, { roles: ["admin"], teams: [ws.teamId], name: `Anna${trial} A` });
      const b = await addTestMember(t, ws.workspaceId, { roles: ["admin"], teams: [ws.teamId], name: `Bert${trial} B` });
      // Ada stops being an admin meanwhile, so the two requests race for the last admin seat.
      await MembershipModel.updateOne({ workspaceId: ws.workspaceId, userId: ws.userId }, { $set: { roles: ["agent"] } });
      const [toB, toA] = await Promise.all([
        t.api.patch(member(b.userId), { profile: { firstName: `Renamed${trial}` }, roles: ["agent"] }, { token: a.token }),
        t.api.patch(member(a.userId), { profile: { firstName: `Renamed${trial}` }, roles: ["agent"] }, { token: b.token }),
      ]);
      for (const [res, target, name] of [[toB, b, `Bert${trial}`], [toA, a, `Anna${trial}`]] as const) {
        if (res.status === 200) {
          expect(await firstNameOf(target.userId)).toBe(`Renamed${trial}`);
          expect(await AuditEventModel.countDocuments({ action: "member.profile_changed", "target.id": target.userId })).toBe(1);
        } else {
          expect(res.body.error.code, res.text).toBe("LAST_ADMIN");
          expect(await firstNameOf(target.userId)).toBe(name);
          expect((await membershipOf(target.userId)).roles).toEqual(["admin"]);
          expect(await auditsOn(target.userId)).toBe(0);
        }
      }
      expect(await MembershipModel.countDocuments({ workspaceId: ws.workspaceId, status: "active", roles: "admin" })).toBeGreaterThanOrEqual(1);
      // Back to Ada as the only admin for the next trial.
      await MembershipModel.updateOne({ workspaceId: ws.workspaceId, userId: ws.userId }, { $set: { roles: ["admin"] } });
      for (const { userId } of [a, b]) await MembershipModel.updateOne({ workspaceId: ws.workspaceId, userId }, { $set: { status: "revoked" } });
    }
  });

  it("reliability: a role change with a profile e-mail someone else has is refused whole", async () => {
    const target = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
    const other = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
    const res = await t.api.patch(member(target.userId), { roles: ["viewer"], profile: { email: other.email } }, { token: ws.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("CONFLICT");
    expect((await membershipOf(target.userId)).roles).toEqual(["agent"]);
    expect(await auditsOn(target.userId)).toBe(0);
  });
});
