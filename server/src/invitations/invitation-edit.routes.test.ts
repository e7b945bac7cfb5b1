import type { Role } from "@switchboard/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { TeamModel } from "../teams/team.model.js";
import { InvitationModel } from "./invitation.model.js";

/**
 * Issue 15: pending invitations can be edited (roles, teams) before they are accepted. §5 both
 * ways: the caller could have sent the invitation as it is, and could send it as edited.
 */
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let teamB: string;
const members: Partial<Record<Role, TestMember>> = {};

const base = () => `/api/workspaces/${ws.workspaceId}/invitations`;
let seq = 0;
async function invite(roles: Role[], teams: string[]) {
  const email = `edit-${++seq}@example.com`;
  const res = await t.api.post(base(), { invitees: [{ name: `Edit ${seq}`, email }], roles, teams }, { token: ws.token });
  expect(res.body.results[0].status).toBe("invited");
  return { id: res.body.results[0].invitationId as string, email };
}
const patch = (id: string, token: string, body: unknown) => t.api.patch(`${base()}/${id}`, body, { token });
const stored = async (id: string) => {
  const inv = (await InvitationModel.findById(id).lean())!;
  return { roles: inv.roles, teams: inv.teams.map(String), tokenHash: inv.tokenHash };
};

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  teamB = String((await TeamModel.create({ workspaceId: ws.workspaceId, name: "Team B", nameLower: "team b" }))._id);
  for (const role of ["manager", "supervisor", "viewer", "agent"] as const) {
    members[role] = await addTestMember(t, ws.workspaceId, { roles: [role], teams: [ws.teamId] });
  }
});
afterAll(() => t.close());

describe("PATCH …/invitations/:id", () => {
  it("an admin changes roles and teams; the link stays the same and an audit event says what changed", async () => {
    const { id } = await invite(["agent"], [ws.teamId]);
    const before = await stored(id);
    const res = await patch(id, ws.token, { roles: ["supervisor", "agent"], teams: [teamB] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, roles: ["supervisor", "agent"], teams: [teamB], status: "pending" });
    const after = await stored(id);
    expect(after).toEqual({ roles: ["supervisor", "agent"], teams: [teamB], tokenHash: before.tokenHash });
    const audit = await AuditEventModel.findOne({ action: "invitation.updated", "target.id": id }).lean();
    expect(audit).toMatchObject({ before: { roles: ["agent"], teams: [ws.teamId] }, after: { roles: ["supervisor", "agent"], teams: [teamB] } });
  });

  it("security: a manager may edit within their ceiling but not raise an invitation to admin", async () => {
    const { id } = await invite(["agent"], [ws.teamId]);
    expect((await patch(id, members.manager!.token, { roles: ["supervisor"] })).status).toBe(200);
    const raised = await patch(id, members.manager!.token, { roles: ["admin"] });
    expect(raised.status).toBe(403);
    expect(raised.body.error.code).toBe("ROLE_CEILING");
    expect((await stored(id)).roles).toEqual(["supervisor"]);
  });

  it("security: a manager may not edit an admin invitation, even to lower it", async () => {
    const { id } = await invite(["admin"], [ws.teamId]);
    const res = await patch(id, members.manager!.token, { roles: ["agent"] });
    expect(res.status).toBe(403);
    expect((await stored(id)).roles).toEqual(["admin"]);
  });

  it("security: a supervisor edits agent invitations of their own teams only, and may not move one to another team", async () => {
    const own = await invite(["agent"], [ws.teamId]);
    const other = await invite(["agent"], [teamB]);
    const moved = await patch(own.id, members.supervisor!.token, { teams: [teamB] });
    expect(moved.status).toBe(403);
    expect((await patch(other.id, members.supervisor!.token, { teams: [ws.teamId] })).status).toBe(403);
    expect((await patch(own.id, members.supervisor!.token, { roles: ["viewer"] })).status).toBe(403);
    expect(await stored(own.id)).toMatchObject({ roles: ["agent"], teams: [ws.teamId] });
    expect(await stored(other.id)).toMatchObject({ teams: [teamB] });
  });

  it("security: viewers and agents may not edit invitations", async () => {
    const { id } = await invite(["agent"], [ws.teamId]);
    for (const role of ["viewer", "agent"] as const) {
      expect((await patch(id, members[role]!.token, { roles: ["agent"], teams: [ws.teamId] })).status).toBe(403);
    }
  });

  it("refuses an empty change, an unknown team and a cancelled invitation with clear 4xx", async () => {
    const { id } = await invite(["agent"], [ws.teamId]);
    const empty = await patch(id, ws.token, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("VALIDATION_FAILED");
    const unknownTeam = await patch(id, ws.token, { teams: ["0123456789abcdef01234567"] });
    expect(unknownTeam.status).toBeGreaterThanOrEqual(400);
    expect(unknownTeam.status).toBeLessThan(500);
    expect((await t.api.delete(`${base()}/${id}`, { token: ws.token })).status).toBe(204);
    const cancelled = await patch(id, ws.token, { roles: ["viewer"] });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe("INVITATION_NOT_PENDING");
  });
});
