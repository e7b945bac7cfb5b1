import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp-capture.js";
import { ADMIN, setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { MembershipModel } from "../members/membership.model.js";
import { TeamModel } from "../teams/team.model.js";
import { UserModel } from "../users/user.model.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { InvitationModel } from "./invitation.model.js";
import { expireInvitations } from "./pending-invitations.service.js";

let t: TestServer;
let smtp: SmtpCapture;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let secondWorkspace: string;
const DAY = 86_400_000;
const NEW_USER = { firstName: "Nia", lastName: "New", password: "a-strong-pass-9" };

/** Invites one person through the API and returns the token from the e-mailed link. */
async function inviteOne(email: string, roles: string[], workspaceId = ws.workspaceId, teamId = ws.teamId): Promise<string> {
  const res = await t.api.post(`/api/workspaces/${workspaceId}/invitations`, { invitees: [{ name: "Invitee", email }], roles, teams: [teamId] }, { token: ws.token });
  expect(res.body.results[0].status).toBe("invited");
  return smtp.linksFor(email).at(-1)!.split("/").pop()!;
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestServer({ smtpUrl: smtp.url });
  ws = await setUpWorkspace(t.api);
  // A second workspace of the same organization, so "existing user joins" can be tested.
  const first = await WorkspaceModel.findById(ws.workspaceId).lean();
  const second = await WorkspaceModel.create({ organizationId: first!.organizationId, name: "Sales" });
  secondWorkspace = String(second._id);
  const team = await TeamModel.create({ workspaceId: second._id, name: "Closers", nameLower: "closers" });
  await MembershipModel.create({ workspaceId: second._id, userId: ws.userId, roles: ["admin"], teams: [team._id], name: "Ada Admin", nameLower: "ada admin", emailLower: ADMIN.email });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe("registration preview", () => {
  it("shows workspace, roles, team names and whether the e-mail already has an account", async () => {
    const token = await inviteOne("preview@example.com", ["supervisor"]);
    const res = await t.api.get(`/api/invitations/${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      workspace: { id: ws.workspaceId, name: "Support" },
      organization: { name: "Acme" },
      email: "preview@example.com",
      roles: ["supervisor"],
      teams: [{ id: ws.teamId, name: "Tier 1" }],
      status: "pending",
      existingUser: false,
    });
  });

  it("answers 404 for an unknown token and 400 for a malformed one", async () => {
    expect((await t.api.get(`/api/invitations/${"A".repeat(43)}`)).status).toBe(404);
    const bad = await t.api.get("/api/invitations/not-a-token");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("accepting as a new user", () => {
  it("creates the user with an argon2id hash and the membership, then sends agents to install the dock", async () => {
    const token = await inviteOne("agent.new@example.com", ["agent"]);
    const res = await t.api.post(`/api/invitations/${token}/accept`, NEW_USER);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { email: "agent.new@example.com", firstName: "Nia" }, workspace: { id: ws.workspaceId }, landing: "install-dock" });
    expect((await t.api.get("/api/me", { token: res.body.token })).status).toBe(200);
    const user = await UserModel.findOne({ emailLower: "agent.new@example.com" }).lean();
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    const membership = await MembershipModel.findOne({ userId: user!._id }).lean();
    expect(membership).toMatchObject({ roles: ["agent"], status: "active", name: "Nia New", nameLower: "nia new" });
    expect(membership!.teams.map(String)).toEqual([ws.teamId]);
    expect(await AuditEventModel.countDocuments({ action: "invitation.accepted", actorId: user!._id })).toBe(1);
    const login = await t.api.post("/api/auth/login", { email: "agent.new@example.com", password: NEW_USER.password });
    expect(login.status).toBe(200);
  });

  it("sends everyone else to the console, a multi-role agent+viewer included", async () => {
    const token = await inviteOne("multi.new@example.com", ["agent", "viewer"]);
    const res = await t.api.post(`/api/invitations/${token}/accept`, NEW_USER);
    expect(res.body.landing).toBe("console");
  });

  it("works once: a second accept is refused with INVITATION_NOT_PENDING", async () => {
    const token = await inviteOne("once@example.com", ["agent"]);
    expect((await t.api.post(`/api/invitations/${token}/accept`, NEW_USER)).status).toBe(200);
    const again = await t.api.post(`/api/invitations/${token}/accept`, NEW_USER);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("INVITATION_NOT_PENDING");
    expect(await UserModel.countDocuments({ emailLower: "once@example.com" })).toBe(1);
  });

  it("refuses a weak password and writes nothing", async () => {
    const token = await inviteOne("weak@example.com", ["agent"]);
    const res = await t.api.post(`/api/invitations/${token}/accept`, { ...NEW_USER, password: "short" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("password");
    expect(await UserModel.countDocuments({ emailLower: "weak@example.com" })).toBe(0);
    expect((await InvitationModel.findOne({ emailLower: "weak@example.com" }).lean())!.status).toBe("pending");
  });

  it("asks a new user for their name and password when the body is empty", async () => {
    const token = await inviteOne("empty@example.com", ["agent"]);
    const res = await t.api.post(`/api/invitations/${token}/accept`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("accepting as an existing user of the organization", () => {
  it("joins without a new account once signed in as that e-mail, and refuses anyone else", async () => {
    const closers = String((await TeamModel.findOne({ nameLower: "closers" }).lean())!._id);
    const token = await inviteOne("agent.new@example.com", ["viewer"], secondWorkspace, closers);
    expect((await t.api.get(`/api/invitations/${token}`)).body.existingUser).toBe(true);

    const anonymous = await t.api.post(`/api/invitations/${token}/accept`, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toContain("Sign in as agent.new@example.com");
    const asSomeoneElse = await t.api.post(`/api/invitations/${token}/accept`, {}, { token: ws.token });
    expect(asSomeoneElse.status).toBe(401);
    const withNewAccountDetails = await t.api.post(`/api/invitations/${token}/accept`, NEW_USER);
    expect(withNewAccountDetails.status).toBe(401);

    const session = (await t.api.post("/api/auth/login", { email: "agent.new@example.com", password: NEW_USER.password })).body.token;
    const res = await t.api.post(`/api/invitations/${token}/accept`, {}, { token: session });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ workspace: { id: secondWorkspace }, landing: "console" });
    expect(await UserModel.countDocuments({ emailLower: "agent.new@example.com" })).toBe(1);
    const user = await UserModel.findOne({ emailLower: "agent.new@example.com" }).lean();
    const memberships = await MembershipModel.find({ userId: user!._id }).lean();
    expect(memberships.map((m) => [String(m.workspaceId), m.roles])).toEqual(
      expect.arrayContaining([[ws.workspaceId, ["agent"]], [secondWorkspace, ["viewer"]]]),
    );
  });

  it("brings a revoked member back with the new invitation's roles and teams", async () => {
    const user = await UserModel.findOne({ emailLower: "once@example.com" }).lean();
    const revoked = await t.api.post(`/api/workspaces/${ws.workspaceId}/members/${user!._id}/revoke`, {}, { token: ws.token });
    expect(revoked.status).toBe(200);
    const token = await inviteOne("once@example.com", ["viewer"]);
    const session = (await t.api.post("/api/auth/login", { email: "once@example.com", password: NEW_USER.password })).body.token;
    const res = await t.api.post(`/api/invitations/${token}/accept`, {}, { token: session });
    expect(res.status).toBe(200);
    const memberships = await MembershipModel.find({ workspaceId: ws.workspaceId, userId: user!._id }).lean();
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ status: "active", roles: ["viewer"], revokedAt: null, revokedBy: null });
  });

  it("reports a user of another organization as invalid instead of inviting them", async () => {
    const { OrganizationModel } = await import("../organizations/organization.model.js");
    const org = await OrganizationModel.create({ name: "Elsewhere" });
    await UserModel.create({ organizationId: org._id, email: "outsider@example.com", emailLower: "outsider@example.com", firstName: "O", lastName: "S", passwordHash: "!x" });
    const res = await t.api.post(`/api/workspaces/${ws.workspaceId}/invitations`, { invitees: [{ name: "Out", email: "outsider@example.com" }], roles: ["agent"], teams: [ws.teamId] }, { token: ws.token });
    expect(res.body.results[0]).toMatchObject({ status: "invalid", reason: "This e-mail belongs to a user of another organization." });
    expect(await InvitationModel.countDocuments({ emailLower: "outsider@example.com" })).toBe(0);
  });
});

describe("expiry after 7 days (controllable clock)", () => {
  it("still accepts just before expiry", async () => {
    const token = await inviteOne("in-time@example.com", ["agent"]);
    t.clock.advance(7 * DAY - 60_000);
    expect((await t.api.post(`/api/invitations/${token}/accept`, NEW_USER)).status).toBe(200);
  });

  it("shows an expired invitation as expired, refuses it with 410, and resend revives it", async () => {
    const token = await inviteOne("late@example.com", ["agent"]);
    t.clock.advance(7 * DAY + 1);
    const session = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body.token;
    expect((await t.api.get(`/api/invitations/${token}`)).body.status).toBe("expired");
    const list = await t.api.get(`/api/workspaces/${ws.workspaceId}/invitations?pageSize=200`, { token: session });
    const late = list.body.items.find((i: { email: string }) => i.email === "late@example.com");
    expect(late.status).toBe("expired");
    const accept = await t.api.post(`/api/invitations/${token}/accept`, NEW_USER);
    expect(accept.status).toBe(410);
    expect(accept.body.error.code).toBe("INVITATION_EXPIRED");
    expect(await UserModel.countDocuments({ emailLower: "late@example.com" })).toBe(0);

    // Re-inviting replaces the expired one rather than reporting it as already invited.
    const reinvite = await t.api.post(`/api/workspaces/${ws.workspaceId}/invitations`, { invitees: [{ name: "Late", email: "late@example.com" }], roles: ["agent"], teams: [ws.teamId] }, { token: session });
    expect(reinvite.body.results[0].status).toBe("invited");
    expect(await InvitationModel.countDocuments({ emailLower: "late@example.com", status: "expired" })).toBe(1);
    const fresh = smtp.linksFor("late@example.com").at(-1)!.split("/").pop()!;
    expect((await t.api.post(`/api/invitations/${fresh}/accept`, NEW_USER)).status).toBe(200);
  });

  it("the periodic clean-up closes overdue invitations, which can then be resent", async () => {
    await inviteOne("sweep@example.com", ["agent"]);
    t.clock.advance(8 * DAY);
    expect(await expireInvitations(t.clock)).toBeGreaterThanOrEqual(1);
    const inv = await InvitationModel.findOne({ emailLower: "sweep@example.com" }).lean();
    expect(inv).toMatchObject({ status: "expired" });
    expect(inv!.pendingKey).toContain(String(inv!._id));
    const session = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body.token;
    const before = t.clock.now().getTime();
    const resent = await t.api.post(`/api/workspaces/${ws.workspaceId}/invitations/${inv!._id}/resend`, undefined, { token: session });
    expect(resent.status).toBe(200);
    expect(resent.body.status).toBe("pending");
    const expiresAt = new Date(resent.body.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(expiresAt).toBeLessThanOrEqual(t.clock.now().getTime() + 7 * DAY);
    const token = smtp.linksFor("sweep@example.com").at(-1)!.split("/").pop()!;
    expect((await t.api.post(`/api/invitations/${token}/accept`, NEW_USER)).status).toBe(200);
  });
});

describe("rate limiting", () => {
  it("refuses token guessing beyond the failed-lookup budget with 429", async () => {
    const limited = await startTestServer({ invitationLookupFailures: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.api.get(`/api/invitations/${"B".repeat(42)}${i}`)).status);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.server.close();
    }
  });
});
