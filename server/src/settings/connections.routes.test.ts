import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";

let t: TestServer;
let admin: Awaited<ReturnType<typeof setUpWorkspace>>;
let base: string;
let members: Record<"manager" | "restrictedManager" | "supervisor" | "viewer" | "agent", TestMember>;

beforeAll(async () => {
  t = await startTestServer();
  admin = await setUpWorkspace(t.api);
  base = `/api/workspaces/${admin.workspaceId}`;
  const add = (roles: ["manager"] | ["supervisor"] | ["viewer"] | ["agent"], restrictions = {}) =>
    addTestMember(t, admin.workspaceId, { roles, teams: [admin.teamId], restrictions });
  members = {
    manager: await add(["manager"]),
    restrictedManager: await add(["manager"], { noIntegrations: true }),
    supervisor: await add(["supervisor"]),
    viewer: await add(["viewer"]),
    agent: await add(["agent"]),
  };
});
afterAll(() => t.close());

describe("integrations", () => {
  it("lets admins and unrestricted managers connect and list integrations, never showing config values", async () => {
    const created = await t.api.post(`${base}/integrations`, { provider: "salesforce", name: "CRM", config: { apiKey: "s3cret-value" } }, { token: admin.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ provider: "salesforce", name: "CRM", configKeys: ["apiKey"] });
    expect((await t.api.post(`${base}/integrations`, { provider: "zendesk", name: "Helpdesk" }, { token: members.manager.token })).status).toBe(201);
    const list = await t.api.get(`${base}/integrations`, { token: members.manager.token });
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual(["CRM", "Helpdesk"]);
    expect(list.text).not.toContain("s3cret-value");
    expect(await AuditEventModel.countDocuments({ workspaceId: admin.workspaceId, action: "integration.connected" })).toBe(2);
  });

  it("refuses a manager restricted from integrations, and supervisors, viewers and agents, with 403", async () => {
    for (const member of [members.restrictedManager, members.supervisor, members.viewer, members.agent]) {
      const res = await t.api.post(`${base}/integrations`, { provider: "hubspot", name: "Marketing" }, { token: member.token });
      expect(res.status).toBe(403);
      expect((await t.api.get(`${base}/integrations`, { token: member.token })).status).toBe(403);
    }
    expect((await t.api.get(`${base}/integrations`, { token: admin.token })).body.total).toBe(2);
  });

  it("refuses a duplicate name (any case) with 409 and bad bodies with 400", async () => {
    const dup = await t.api.post(`${base}/integrations`, { provider: "salesforce", name: "crm" }, { token: admin.token });
    expect(dup.status).toBe(409);
    const bad = await t.api.post(`${base}/integrations`, { provider: "Sales Force!", name: "X", extra: 1 }, { token: admin.token });
    expect(bad.status).toBe(400);
    const badKey = await t.api.post(`${base}/integrations`, { provider: "x", name: "Y", config: { $where: "1" } }, { token: admin.token });
    expect(badKey.status).toBe(400);
  });
});

describe("channels", () => {
  it("lets only admins connect channels", async () => {
    const created = await t.api.post(`${base}/channels`, { type: "phone", name: "Main line" }, { token: admin.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: "phone", name: "Main line" });
    for (const member of Object.values(members)) {
      expect((await t.api.post(`${base}/channels`, { type: "chat", name: "Web chat" }, { token: member.token })).status).toBe(403);
    }
    const list = await t.api.get(`${base}/channels`, { token: members.viewer.token });
    expect(list.body).toMatchObject({ total: 1, items: [{ type: "phone", name: "Main line" }] });
    expect((await t.api.post(`${base}/channels`, { type: "fax", name: "Old" }, { token: admin.token })).status).toBe(400);
  });
});
