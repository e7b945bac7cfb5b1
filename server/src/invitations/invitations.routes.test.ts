import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp-capture.js";
import { ADMIN, setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { hashToken } from "../auth/tokens.js";
import { TeamModel } from "../teams/team.model.js";
import { InvitationModel } from "./invitation.model.js";

let t: TestServer;
let smtp: SmtpCapture;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let otherTeam: string;
let manager: TestMember;
let supervisor: TestMember;
let viewer: TestMember;
let agent: TestMember;
let viewerSupervisor: TestMember;

const base = () => `/api/workspaces/${ws.workspaceId}/invitations`;
const invite = (token: string, body: unknown) => t.api.post(base(), body, { token });
const person = (tag: string) => ({ name: `Person ${tag}`, email: `${tag}@example.com` });

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestServer({ smtpUrl: smtp.url });
  ws = await setUpWorkspace(t.api);
  otherTeam = String((await TeamModel.create({ workspaceId: ws.workspaceId, name: "Tier 2", nameLower: "tier 2" }))._id);
  manager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId] });
  supervisor = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId] });
  viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] });
  agent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
  viewerSupervisor = await addTestMember(t, ws.workspaceId, { roles: ["viewer", "supervisor"], teams: [ws.teamId] });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe("inviting by hand", () => {
  it("invites several people at once and e-mails each a registration link whose token is stored only hashed", async () => {
    const res = await invite(ws.token, { invitees: [person("ann"), { ...person("bob"), phone: "+1 (415) 555-0123" }], roles: ["agent", "viewer"], teams: [ws.teamId] });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { row: 0, email: "ann@example.com", status: "invited", invitationId: expect.any(String) },
      { row: 1, email: "bob@example.com", status: "invited", invitationId: expect.any(String) },
    ]);
    const [link] = smtp.linksFor("ann@example.com");
    expect(link).toMatch(new RegExp(`^${t.url}/register/[A-Za-z0-9_-]{43}$`));
    const token = link!.split("/").pop()!;
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const raw = await mongoose.connection.db!.collection("invitations").find().toArray();
    expect(JSON.stringify(raw)).not.toContain(token);
    const ann = raw.find((inv) => inv.emailLower === "ann@example.com")!;
    expect(ann.tokenHash).toBe(hashToken(token));
    expect(ann).toMatchObject({ status: "pending", roles: ["agent", "viewer"], name: "Person ann" });
    expect(ann.expiresAt.getTime() - ann.createdAt.getTime()).toBe(7 * 86_400_000);
    expect(raw.find((inv) => inv.emailLower === "bob@example.com")!.phone).toBe("+14155550123");
  });

  it("reports each row on its own: already a member, already invited, duplicate in the request", async () => {
    const res = await invite(ws.token, {
      invitees: [person("carl"), { name: "Ada", email: ADMIN.email }, person("ann"), { ...person("carl"), name: "Carl again" }],
      roles: ["agent"],
      teams: [ws.teamId],
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { row: 0, email: "carl@example.com", status: "invited", invitationId: expect.any(String) },
      { row: 1, email: ADMIN.email, status: "already_member" },
      { row: 2, email: "ann@example.com", status: "already_invited", invitationId: expect.any(String) },
      { row: 3, email: "carl@example.com", status: "already_invited", reason: "Duplicate of row 0 in this request." },
    ]);
    expect(await InvitationModel.countDocuments({ emailLower: "carl@example.com" })).toBe(1);
    expect(smtp.linksFor("carl@example.com")).toHaveLength(1);
  });

  it("invites a person once when two admins invite them at the same moment", async () => {
    const body = { invitees: [person("race")], roles: ["agent"], teams: [ws.teamId] };
    const results = await Promise.all([invite(ws.token, body), invite(ws.token, body), invite(manager.token, body)]);
    const statuses = results.map((r) => r.body.results[0].status).sort();
    expect(statuses).toEqual(["already_invited", "already_invited", "invited"]);
    expect(await InvitationModel.countDocuments({ emailLower: "race@example.com" })).toBe(1);
    expect(smtp.linksFor("race@example.com")).toHaveLength(1);
  });

  it("refuses teams of no such workspace team, writing nothing", async () => {
    const before = await InvitationModel.countDocuments();
    const res = await invite(ws.token, { invitees: [person("nobody")], roles: ["agent"], teams: ["0123456789abcdef01234567"] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.issues[0].path).toBe("teams");
    expect(await InvitationModel.countDocuments()).toBe(before);
  });

  it("writes an audit event per invitation", async () => {
    const events = await AuditEventModel.find({ action: "invitation.created", "target.label": "ann@example.com" }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorName: "Ada Admin", after: { roles: ["agent", "viewer"], source: "form" } });
  });
});

describe("who may invite whom (DESIGN.md §5), role by role", () => {
  it("refuses viewers and agents", async () => {
    for (const member of [viewer, agent]) {
      const res = await invite(member.token, { invitees: [person("x1")], roles: ["agent"], teams: [ws.teamId] });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
  });

  it("refuses a manager granting admin or manager", async () => {
    for (const role of ["admin", "manager"]) {
      const res = await invite(manager.token, { invitees: [person(`m-${role}`)], roles: [role], teams: [ws.teamId] });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("ROLE_CEILING");
    }
    expect(await InvitationModel.countDocuments({ emailLower: "m-admin@example.com" })).toBe(0);
  });

  it("lets a manager invite supervisors, agents and viewers into any team", async () => {
    const res = await invite(manager.token, { invitees: [person("m-ok")], roles: ["supervisor", "agent", "viewer"], teams: [otherTeam] });
    expect(res.body.results[0].status).toBe("invited");
  });

  it("lets a supervisor invite agents into own teams only", async () => {
    expect((await invite(supervisor.token, { invitees: [person("s-ok")], roles: ["agent"], teams: [ws.teamId] })).body.results[0].status).toBe("invited");
    const otherTeamRes = await invite(supervisor.token, { invitees: [person("s-team")], roles: ["agent"], teams: [otherTeam] });
    expect(otherTeamRes.status).toBe(403);
    expect(otherTeamRes.body.error.code).toBe("FORBIDDEN");
    const viewerRole = await invite(supervisor.token, { invitees: [person("s-viewer")], roles: ["viewer"], teams: [ws.teamId] });
    expect(viewerRole.status).toBe(403);
    expect(viewerRole.body.error.code).toBe("ROLE_CEILING");
  });

  it("gives a viewer+supervisor the union: agents into own teams", async () => {
    expect((await invite(viewerSupervisor.token, { invitees: [person("vs-ok")], roles: ["agent"], teams: [ws.teamId] })).body.results[0].status).toBe("invited");
    expect((await invite(viewerSupervisor.token, { invitees: [person("vs-no")], roles: ["manager"], teams: [ws.teamId] })).status).toBe(403);
  });

  it("lets an admin invite any role into any team", async () => {
    const res = await invite(ws.token, { invitees: [person("a-admin")], roles: ["admin", "manager"], teams: [otherTeam] });
    expect(res.body.results[0].status).toBe("invited");
  });
});

describe("pending invitations table", () => {
  it("lists pending invitations newest first, each with the same link as the e-mail", async () => {
    const res = await t.api.get(`${base()}?pageSize=200`, { token: ws.token });
    expect(res.status).toBe(200);
    const ann = res.body.items.find((i: { email: string }) => i.email === "ann@example.com");
    expect(ann).toMatchObject({ name: "Person ann", roles: ["agent", "viewer"], teams: [ws.teamId], status: "pending" });
    expect(ann.link).toBe(smtp.linksFor("ann@example.com")[0]);
    expect(res.body.total).toBe(res.body.items.length);
    const created = res.body.items.map((i: { createdAt: string }) => i.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it("shows a supervisor only invitations into their teams, and refuses viewers and agents", async () => {
    const res = await t.api.get(`${base()}?pageSize=200`, { token: supervisor.token });
    expect(res.status).toBe(200);
    const emails = res.body.items.map((i: { email: string }) => i.email);
    expect(emails).toContain("s-ok@example.com");
    expect(emails).not.toContain("m-ok@example.com");
    expect((await t.api.get(base(), { token: viewer.token })).status).toBe(403);
    expect((await t.api.get(base(), { token: agent.token })).status).toBe(403);
    expect((await t.api.get(base(), { token: manager.token })).status).toBe(200);
  });

  it("resends with a new link and e-mail; the old link stops working", async () => {
    const [oldLink] = smtp.linksFor("bob@example.com");
    const inv = await InvitationModel.findOne({ emailLower: "bob@example.com" }).lean();
    const res = await t.api.post(`${base()}/${inv!._id}/resend`, undefined, { token: ws.token });
    expect(res.status).toBe(200);
    const links = smtp.linksFor("bob@example.com");
    expect(links).toHaveLength(2);
    expect(res.body.link).toBe(links[1]);
    expect(links[1]).not.toBe(oldLink);
    expect((await t.api.get(`/api/invitations/${oldLink!.split("/").pop()}`)).status).toBe(404);
    expect((await t.api.get(`/api/invitations/${links[1]!.split("/").pop()}`)).status).toBe(200);
    expect(await AuditEventModel.countDocuments({ action: "invitation.resent", "target.id": String(inv!._id) })).toBe(1);
  });

  it("refuses a supervisor resending or cancelling an invitation they could not have sent", async () => {
    const inv = await InvitationModel.findOne({ emailLower: "m-ok@example.com" }).lean();
    expect((await t.api.post(`${base()}/${inv!._id}/resend`, undefined, { token: supervisor.token })).status).toBe(403);
    expect((await t.api.delete(`${base()}/${inv!._id}`, { token: supervisor.token })).status).toBe(403);
    expect((await t.api.delete(`${base()}/${inv!._id}`, { token: viewer.token })).status).toBe(403);
    expect((await InvitationModel.findById(inv!._id).lean())!.status).toBe("pending");
  });

  it("cancels: the invitation leaves the table, its link stops working, a second cancel is refused", async () => {
    const inv = await InvitationModel.findOne({ emailLower: "carl@example.com" }).lean();
    expect((await t.api.delete(`${base()}/${inv!._id}`, { token: manager.token })).status).toBe(204);
    const list = await t.api.get(`${base()}?pageSize=200`, { token: ws.token });
    expect(list.body.items.map((i: { email: string }) => i.email)).not.toContain("carl@example.com");
    const accept = await t.api.post(`/api/invitations/${smtp.linksFor("carl@example.com")[0]!.split("/").pop()}/accept`, { firstName: "C", lastName: "L", password: "long-enough-pw-1" });
    expect(accept.status).toBe(409);
    expect(accept.body.error.code).toBe("INVITATION_NOT_PENDING");
    const again = await t.api.delete(`${base()}/${inv!._id}`, { token: ws.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("INVITATION_NOT_PENDING");
    expect(await AuditEventModel.countDocuments({ action: "invitation.cancelled", "target.id": String(inv!._id) })).toBe(1);
    // Once cancelled, the same person can be invited again.
    expect((await invite(ws.token, { invitees: [person("carl")], roles: ["agent"], teams: [ws.teamId] })).body.results[0].status).toBe("invited");
  });

  it("answers 404 for an invitation of another workspace or none", async () => {
    expect((await t.api.delete(`${base()}/0123456789abcdef01234567`, { token: ws.token })).status).toBe(404);
  });
});

describe("roles and teams per row (issue 15, seed 001)", () => {
  it("a row's own roles and teams replace the batch's for that row only", async () => {
    const res = await invite(ws.token, {
      invitees: [{ ...person("row-own"), roles: ["supervisor"], teams: [otherTeam] }, person("row-batch")],
      roles: ["agent"],
      teams: [ws.teamId],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["invited", "invited"]);
    const own = await InvitationModel.findOne({ emailLower: "row-own@example.com" }).lean();
    const batch = await InvitationModel.findOne({ emailLower: "row-batch@example.com" }).lean();
    expect({ roles: own!.roles, teams: own!.teams.map(String) }).toEqual({ roles: ["supervisor"], teams: [otherTeam] });
    expect({ roles: batch!.roles, teams: batch!.teams.map(String) }).toEqual({ roles: ["agent"], teams: [ws.teamId] });
  });

  it("security: a row's own roles stay within what the sender may grant; the other rows go through", async () => {
    const res = await invite(supervisor.token, {
      invitees: [{ ...person("row-too-high"), roles: ["manager"] }, person("row-fine")],
      roles: ["agent"],
      teams: [ws.teamId],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string; reason?: string }) => [r.status, r.reason])).toEqual([
      ["invalid", "You may only invite: agent."],
      ["invited", undefined],
    ]);
    expect(await InvitationModel.countDocuments({ emailLower: "row-too-high@example.com" })).toBe(0);
  });

  it("refuses a row left without roles or teams, naming the row's field", async () => {
    const res = await invite(ws.token, { invitees: [person("row-none")], teams: [ws.teamId] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ path: "invitees.0.roles", message: "Pick a role for this person or for everyone" })]);
  });
});
