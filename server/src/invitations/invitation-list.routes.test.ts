import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { TeamModel } from "../teams/team.model.js";

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let supervisor: TestMember;

const base = (query = "") => `/api/workspaces/${ws.workspaceId}/invitations${query}`;
const emails = (body: { items: { email: string }[] }) => body.items.map((i) => i.email);

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  const tier2 = String((await TeamModel.create({ workspaceId: ws.workspaceId, name: "Tier 2", nameLower: "tier 2" }))._id);
  supervisor = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId] });
  const invitees = Array.from({ length: 7 }, (_, i) => ({ name: `Agent ${i}`, email: `agent${i}@example.com` }));
  const invite = (body: unknown) => t.api.post(base(), body, { token: ws.token });
  expect((await invite({ invitees, roles: ["agent"], teams: [ws.teamId] })).status).toBe(200);
  expect((await invite({ invitees: [{ name: "Zed (Tier 2)", email: "zed+t2@example.com" }], roles: ["agent"], teams: [tier2] })).status).toBe(200);
});
afterAll(() => t.close());

describe("pending invitations list", () => {
  it("pages through every pending invitation, the total saying how many there are", async () => {
    const pages = [];
    for (const page of [1, 2, 3]) pages.push((await t.api.get(base(`?pageSize=3&page=${page}`), { token: ws.token })).body);
    expect(pages.map((p) => p.total)).toEqual([8, 8, 8]);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 2]);
    expect(new Set(pages.flatMap(emails)).size).toBe(8);
  });

  it("finds invitations by name or e-mail, regex characters taken literally", async () => {
    const byName = await t.api.get(base("?q=agent%203"), { token: ws.token });
    expect([emails(byName.body), byName.body.total]).toEqual([["agent3@example.com"], 1]);
    const byEmail = await t.api.get(base("?q=ZED%2BT2"), { token: ws.token });
    expect(emails(byEmail.body)).toEqual(["zed+t2@example.com"]);
    const regexy = await t.api.get(base("?q=agent.%40"), { token: ws.token });
    expect(regexy.body.total).toBe(0);
  });

  it("security: a supervisor's search finds only invitations into their own teams", async () => {
    const res = await t.api.get(base("?q=zed"), { token: supervisor.token });
    expect([res.status, res.body.total]).toEqual([200, 0]);
    expect((await t.api.get(base("?q=agent"), { token: supervisor.token })).body.total).toBe(7);
  });

  it.each([
    ["q", `?q=${"x".repeat(101)}`],
    ["page", "?page=0"],
    ["(root)", "?status=accepted"],
  ])("answers 400 VALIDATION_FAILED naming %s for a bad query", async (path, query) => {
    const res = await t.api.get(base(query), { token: ws.token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.issues[0].path).toBe(path);
  });
});
