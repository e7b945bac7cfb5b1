import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp-capture.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

let t: TestServer;
let smtp: SmtpCapture;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let manager: TestMember;
let supervisor: TestMember;
let viewer: TestMember;
let agent: TestMember;

const audit = (token: string, query = "") => t.api.get(`/api/workspaces/${ws.workspaceId}/audit${query}`, { token });
const invitations = () => `/api/workspaces/${ws.workspaceId}/invitations`;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestServer({ smtpUrl: smtp.url });
  ws = await setUpWorkspace(t.api);
  manager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId] });
  supervisor = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId] });
  viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] });
  agent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });

  // One of each audited change, in this order, 1 s apart.
  const step = () => t.clock.advance(1_000);
  const invite = async (email: string) =>
    (await t.api.post(invitations(), { invitees: [{ name: "Ivy", email }], roles: ["agent"], teams: [ws.teamId] }, { token: ws.token })).body.results[0].invitationId as string;
  const first = await invite("ivy@example.com");
  step();
  await t.api.post(`${invitations()}/${first}/resend`, undefined, { token: ws.token });
  step();
  await t.api.delete(`${invitations()}/${await invite("cancel@example.com")}`, { token: ws.token });
  step();
  const token = smtp.linksFor("ivy@example.com").at(-1)!.split("/").pop();
  await t.api.post(`/api/invitations/${token}/accept`, { firstName: "Ivy", lastName: "Ink", password: "a-strong-pass-9" });
  step();
  await t.api.patch(`/api/workspaces/${ws.workspaceId}/members/${agent.userId}`, { roles: ["agent", "viewer"] }, { token: ws.token });
  step();
  await t.api.patch(`/api/workspaces/${ws.workspaceId}/members/${agent.userId}`, { profile: { location: "Oslo" } }, { token: manager.token });
  step();
  await t.api.post(`/api/workspaces/${ws.workspaceId}/members/${agent.userId}/revoke`, {}, { token: ws.token });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe("GET audit", () => {
  it("lists every invite, resend, cancel, accept, role change, profile change and revoke, newest first", async () => {
    const res = await audit(ws.token);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      "member.revoked",
      "member.profile_changed",
      "member.roles_changed",
      "invitation.accepted",
      "invitation.cancelled",
      "invitation.created",
      "invitation.resent",
      "invitation.created",
    ]);
    expect(res.body.total).toBe(8);
    const revoked = res.body.items[0];
    expect(revoked).toEqual({
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      actor: { id: ws.userId, name: "Ada Admin" },
      action: "member.revoked",
      target: { type: "member", id: agent.userId, label: expect.any(String) },
      before: expect.objectContaining({ status: "active" }),
      after: expect.objectContaining({ status: "revoked", reassignContactsTo: null }),
      changes: expect.arrayContaining(["Status: active → revoked"]),
      at: expect.any(String),
    });
    expect(res.body.items[1].actor.id).toBe(manager.userId);
    expect(res.body.items[3].actor.name).toBe("Ivy Ink");
  });

  it("pages and filters by action", async () => {
    const page2 = await audit(ws.token, "?pageSize=3&page=2");
    expect(page2.body.items.map((e: { action: string }) => e.action)).toEqual(["invitation.accepted", "invitation.cancelled", "invitation.created"]);
    expect(page2.body.total).toBe(8);
    const created = await audit(ws.token, "?action=invitation.created");
    expect(created.body.total).toBe(2);
    expect((await audit(ws.token, "?action=$where")).status).toBe(400);
  });

  it("role by role: admins, managers and viewers read it; supervisors and agents do not", async () => {
    expect((await audit(manager.token)).status).toBe(200);
    expect((await audit(viewer.token)).status).toBe(200);
    expect((await audit(supervisor.token)).status).toBe(403);
    const otherAgent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
    expect((await audit(otherAgent.token)).status).toBe(403);
    const both = await addTestMember(t, ws.workspaceId, { roles: ["supervisor", "viewer"], teams: [ws.teamId] });
    expect((await audit(both.token)).status).toBe(200);
  });
});

describe("audit filters, words and export (issue 15)", () => {
  const actions = (res: { body: { items: { action: string }[] } }) => res.body.items.map((e) => e.action);

  it("filters by who, by target and by dates on the server, and pages the filtered rows", async () => {
    const byManager = await audit(ws.token, `?actorId=${manager.userId}`);
    expect(actions(byManager)).toEqual(["member.profile_changed"]);
    expect(byManager.body.total).toBe(1);
    const aboutAgent = await audit(ws.token, `?targetType=member&targetId=${agent.userId}`);
    expect(actions(aboutAgent)).toEqual(["member.revoked", "member.profile_changed", "member.roles_changed"]);
    const byAdminPaged = await audit(ws.token, `?actorId=${ws.userId}&action=invitation.created&pageSize=1&page=2`);
    expect(byAdminPaged.body.total).toBe(2);
    expect(byAdminPaged.body.items).toHaveLength(1);

    const all = (await audit(ws.token, "?action=invitation.created")).body.items as { at: string }[];
    const [newer, older] = all.map((e) => e.at);
    // from is inclusive, to exclusive: exactly the older invitation.
    const window = await audit(ws.token, `?action=invitation.created&from=${encodeURIComponent(older!)}&to=${encodeURIComponent(newer!)}`);
    expect(window.status, window.text).toBe(200);
    expect(window.body.items.map((e: { at: string }) => e.at)).toEqual([older]);
    const after = await audit(ws.token, `?from=${encodeURIComponent(new Date(Date.parse(newer!) + 1).toISOString().replace("Z", "+00:00"))}`);
    expect(after.body.items.every((e: { at: string }) => Date.parse(e.at) > Date.parse(newer!))).toBe(true);
  });

  it("refuses filters that are not what they claim, with the field named", async () => {
    for (const [query, path] of [["?actorId=nope", "actorId"], ["?action=made.up", "action"], ["?from=yesterday", "from"], ["?targetType=$gt", "targetType"], ["?targetId[$ne]=x", "targetId"], ["?colour=red", ""]] as const) {
      const res = await audit(ws.token, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      if (path) expect(JSON.stringify(res.body.error.details), query).toContain(path);
    }
  });

  it("says what changed in words, with team names instead of ids", async () => {
    const created = (await audit(ws.token, "?action=invitation.created")).body.items[0];
    expect(created.changes).toContain("Teams: Tier 1");
    expect(created.changes.join(" ")).not.toContain(ws.teamId);
    const roles = (await audit(ws.token, "?action=member.roles_changed")).body.items[0];
    expect(roles.changes).toEqual(["Roles: agent → agent, viewer"]);
  });

  const exportCsv = (token: string, query = "") => t.api.get(`/api/workspaces/${ws.workspaceId}/audit/export.csv${query}`, { token });

  it("exports the filtered log as CSV with names, words and UTC times, formulas neutralised", async () => {
    // A member whose name a spreadsheet would run as a formula acts, so the newest row's "who" starts with "=".
    const mallory = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId], name: "=SUM(1+1) Mallory" });
    const patched = await t.api.patch(`/api/workspaces/${ws.workspaceId}/members/${viewer.userId}`, { profile: { location: "Paris" } }, { token: mallory.token });
    expect(patched.status, patched.text).toBe(200);
    const res = await exportCsv(ws.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = res.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("time (UTC),who,action,target type,target,changes");
    expect(lines).toHaveLength(1 + (await audit(ws.token)).body.total);
    expect(lines[1]).toContain(",'=SUM(1+1)");
    expect(res.text).not.toMatch(/(^|,|")=SUM/m);
    expect(lines.some((l) => l.includes("Ada Admin,member.roles_changed,Member,") && l.includes("Roles: agent → agent, viewer"))).toBe(true);
    expect(res.text).not.toContain(ws.teamId);

    const filtered = await exportCsv(ws.token, `?actorId=${manager.userId}`);
    expect(filtered.text.trim().split("\r\n")).toHaveLength(2);
    expect((await exportCsv(ws.token, "?from=soon")).status).toBe(400);
  });

  it("security: role by role, only those who may export data export the log; noDataExport stops a manager", async () => {
    expect((await exportCsv(ws.token)).status).toBe(200);
    expect((await exportCsv(manager.token)).status).toBe(200);
    // Viewers read the log but may not export data; supervisors and agents read neither.
    expect((await exportCsv(viewer.token)).status).toBe(403);
    expect((await exportCsv(supervisor.token)).status).toBe(403);
    const otherAgent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
    expect((await exportCsv(otherAgent.token)).status).toBe(403);
    const restricted = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId], restrictions: { noDataExport: true } });
    expect((await audit(restricted.token)).status).toBe(200);
    const refused = await exportCsv(restricted.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
  });
});

describe("contact values in the audit log", () => {
  it("security: a masked agent who is also a viewer reads a deleted contact's phone and e-mail masked; others in clear", async () => {
    const contacts = `/api/workspaces/${ws.workspaceId}/contacts`;
    const created = await t.api.post(contacts, { name: "Dana Deleted", phone: "+14155550167", email: "dana.deleted@example.com" }, { token: ws.token });
    expect(created.status).toBe(201);
    expect((await t.api.delete(`${contacts}/${created.body.id}`, { token: ws.token })).status).toBe(204);
    const maskedViewer = await addTestMember(t, ws.workspaceId, { roles: ["agent", "viewer"], teams: [ws.teamId], restrictions: { maskContactInfo: true } });
    const clearViewer = await addTestMember(t, ws.workspaceId, { roles: ["agent", "viewer"], teams: [ws.teamId] });

    const deletedAs = async (token: string) => {
      const res = await audit(token, "?action=contact.deleted");
      expect(res.status).toBe(200);
      return res.body.items.find((e: { target: { id: string } }) => e.target.id === created.body.id);
    };
    const masked = await deletedAs(maskedViewer.token);
    expect(masked.before).toMatchObject({ name: "Dana Deleted", phone: "+1 415 ••• ••67", email: "d•••@example.com" });
    expect(JSON.stringify(masked)).not.toMatch(/5550167|dana\.deleted/);
    for (const token of [ws.token, viewer.token, clearViewer.token]) {
      expect((await deletedAs(token)).before).toMatchObject({ phone: "+14155550167", email: "dana.deleted@example.com" });
    }
  });
});
