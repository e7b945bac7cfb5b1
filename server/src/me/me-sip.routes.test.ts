import { afterAll, beforeAll, expect, it } from "vitest";
import { addTestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { ephemeralPassword } from "../sip/sip-credentials.js";

const sip = { secret: "test-secret-shared-with-kamailio", wsUrl: "ws://127.0.0.1:5066", domain: "127.0.0.1", credentialTtlSeconds: 600 };
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
beforeAll(async () => {
  t = await startTestServer({ sip });
  ws = await setUpWorkspace(t.api);
});
afterAll(() => t?.close());

it("gives each role that may use the dock its own short-lived SIP account, role by role", async () => {
  for (const roles of [["agent"], ["supervisor"], ["admin"]] as const) {
    const member = await addTestMember(t, ws.workspaceId, { roles: [...roles], teams: [ws.teamId] });
    const res = await t.api.get("/api/me/sip", { token: member.token });
    expect(res.status, roles.join()).toBe(200);
    expect(res.body.uri).toBe(`sip:${member.userId}@127.0.0.1`);
    expect(res.body.username).toBe(`${Date.parse(res.body.expiresAt) / 1000}:${member.userId}`);
    expect(res.body.password).toBe(ephemeralPassword(sip.secret, res.body.username));
    expect(Date.parse(res.body.expiresAt)).toBe((Math.floor(t.clock.now().getTime() / 1000) + 600) * 1000);
  }
});

it("security: refuses a user with no active membership (revoked) a SIP account", async () => {
  const member = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
  expect((await t.api.post(`/api/workspaces/${ws.workspaceId}/members/${member.userId}/revoke`, {}, { token: ws.token })).status).toBe(200);
  expect((await t.api.get("/api/me/sip", { token: member.token })).status).toBe(401);
});

it("security: refuses a viewer (no dock.use) a SIP account", async () => {
  const viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] });
  const res = await t.api.get("/api/me/sip", { token: viewer.token });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe("FORBIDDEN");
});

it("gives a member's own SIP phone (endpoint sip) an account of its own, only with allowSipClients", async () => {
  const member = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
  const refused = await t.api.get("/api/me/sip/phone", { token: member.token });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("FORBIDDEN");
  const saved = await t.api.put(`/api/workspaces/${ws.workspaceId}/members/${member.userId}/settings`, { overrideDockSettings: false, overrides: { allowSipClients: true } }, { token: ws.token });
  expect(saved.status).toBe(200);
  const res = await t.api.get("/api/me/sip/phone", { token: member.token });
  expect(res.status).toBe(200);
  expect(res.body.uri).toBe(`sip:${member.userId}.phone@127.0.0.1`);
  expect(res.body.username).toBe(`${Date.parse(res.body.expiresAt) / 1000}:${member.userId}.phone`);
  expect(res.body.password).toBe(ephemeralPassword(sip.secret, res.body.username));
});

it("security: refuses a viewer a SIP phone account even with allowSipClients, and an anonymous caller", async () => {
  const viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] });
  await t.api.put(`/api/workspaces/${ws.workspaceId}/members/${viewer.userId}/settings`, { overrideDockSettings: false, overrides: { allowSipClients: true } }, { token: ws.token });
  expect((await t.api.get("/api/me/sip/phone", { token: viewer.token })).status).toBe(403);
  expect((await t.api.get("/api/me/sip/phone")).status).toBe(401);
});
