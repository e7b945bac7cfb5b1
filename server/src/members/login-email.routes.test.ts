import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

/** Issue 10, item 11 (b): a login e-mail signs in to the whole organization; only an admin changes another person's. */
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
});
afterAll(() => t.close());

const patch = (actorToken: string, userId: string, profile: Record<string, unknown>) =>
  t.api.patch(`/api/workspaces/${ws.workspaceId}/members/${userId}`, { profile }, { token: actorToken });

describe("changing another member's login e-mail", () => {
  it("security: a supervisor or a manager may edit an agent's profile but not their login e-mail; nothing is written", async () => {
    for (const roles of [["supervisor"], ["manager"], ["manager", "supervisor"]] as const) {
      const actor = await addTestMember(t, ws.workspaceId, { roles: [...roles], teams: [ws.teamId] });
      const agent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
      const refused = await patch(actor.token, agent.userId, { email: `taken-over-${roles.join("-")}@evil.example`, firstName: "Renamed" });
      expect(refused.status, roles.join("+")).toBe(403);
      expect(refused.body.error.code).toBe("FORBIDDEN");
      const after = await t.api.get(`/api/workspaces/${ws.workspaceId}/members/${agent.userId}`, { token: ws.token });
      expect(after.body).toMatchObject({ email: agent.email, firstName: expect.not.stringMatching("Renamed") });
      // The rest of the profile stays theirs to edit.
      expect((await patch(actor.token, agent.userId, { firstName: "Renamed" })).status).toBe(200);
      // Re-sending the unchanged e-mail (in another case) is no change and is allowed.
      expect((await patch(actor.token, agent.userId, { email: agent.email.toUpperCase() })).status).toBe(200);
    }
  });

  it("lets an admin change another person's login e-mail, and anyone their own", async () => {
    const agent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
    const byAdmin = await patch(ws.token, agent.userId, { email: "new-address@example.com" });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.email).toBe("new-address@example.com");
    const supervisor = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId] });
    const own = await patch(supervisor.token, supervisor.userId, { email: "my-new-address@example.com" });
    expect(own.status).toBe(200);
    expect(own.body.email).toBe("my-new-address@example.com");
  });
});
