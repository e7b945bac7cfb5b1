import { meResponseSchema } from "@switchboard/shared";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addTestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

it("gives an agent its workspace's away reasons, which the workspace settings do not show it", async () => {
  const ws = await setUpWorkspace(t.api);
  const base = `/api/workspaces/${ws.workspaceId}`;
  expect((await t.api.put(`${base}/settings`, { settings: {}, awayReasons: ["Break", "Coaching"] }, { token: ws.token })).status).toBe(200);
  const agent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });

  expect((await t.api.get(`${base}/settings`, { token: agent.token })).status).toBe(403);
  const me = await t.api.get("/api/me", { token: agent.token });
  expect(me.status).toBe(200);
  // The one response schema the console and the dock parse it with.
  const body = meResponseSchema.parse(me.body);
  expect(body.memberships).toEqual([expect.objectContaining({ workspaceId: ws.workspaceId, awayReasons: ["Break", "Coaching"] })]);
});

it("security: GET /api/me/sip answers SIP_NOT_CONFIGURED without a SIP front, 401 signed out", async () => {
  const member = await t.api.post("/api/auth/login", { email: "ada@example.com", password: "correct-horse-1" });
  const agent = { token: member.body.token as string };
  const res = await t.api.get("/api/me/sip", { token: agent.token });
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe("SIP_NOT_CONFIGURED");
  expect((await t.api.get("/api/me/sip")).status).toBe(401);
});
