import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { TeamModel } from "../teams/team.model.js";
import { membershipsOf } from "./membership-cache.js";
import { MembershipModel } from "./membership.model.js";

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let tier2: string;
let bea: TestMember;
let dot: TestMember;
let eli: TestMember;

const members = (query = "") => `/api/workspaces/${ws.workspaceId}/members${query}`;
const names = (body: { items: { name: string }[] }) => body.items.map((m) => m.name);
/** The CSV's name column, header and BOM left out. */
const csvNames = (text: string) => text.trim().split("\r\n").slice(1).map((line) => line.split(",")[0]);

async function activeAt(member: TestMember, minutesAgo: number) {
  const at = new Date(t.clock.now().getTime() - minutesAgo * 60_000);
  await MembershipModel.updateOne({ workspaceId: ws.workspaceId, userId: member.userId }, { $set: { lastActiveAt: at } });
  membershipsOf(t.deps).touch(ws.workspaceId, member.userId, at);
}

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  tier2 = String((await TeamModel.create({ workspaceId: ws.workspaceId, name: "Tier 2", nameLower: "tier 2" }))._id);
  bea = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Bea Brown" });
  await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [tier2], name: "Cid Clark" });
  dot = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [tier2], name: "Dot Dean" });
  eli = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [tier2], name: "Eli Evans" });
  await activeAt(dot, 120);
  await activeAt(bea, 5);
  expect((await t.api.post(members(`/${eli.userId}/revoke`), {}, { token: ws.token })).status).toBe(200);
});
afterAll(() => t.close());

describe("members order", () => {
  it("sorts by last active, most recent first, the never active last by name", async () => {
    const res = await t.api.get(members("?sort=lastActive"), { token: ws.token });
    expect(res.status).toBe(200);
    // The admin is using the console right now, which is activity (issue 15).
    expect(names(res.body)).toEqual(["Ada Admin", "Bea Brown", "Dot Dean", "Cid Clark"]);
    const paged = await t.api.get(members("?sort=lastActive&page=2&pageSize=2"), { token: ws.token });
    expect([names(paged.body), paged.body.total]).toEqual([["Dot Dean", "Cid Clark"], 4]);
  });

  it("sorts by name by default, and lists the revoked on their own", async () => {
    expect(names((await t.api.get(members(), { token: ws.token })).body)).toEqual(["Ada Admin", "Bea Brown", "Cid Clark", "Dot Dean"]);
    expect(names((await t.api.get(members("?status=revoked"), { token: ws.token })).body)).toEqual(["Eli Evans"]);
  });

  it.each([
    ["sort", "?sort=newest"],
    ["status", "?status=gone"],
    ["pageSize", "?pageSize=500"],
    ["team", "?team=nope"],
    ["(root)", "?color=red"],
  ])("answers 400 VALIDATION_FAILED naming %s for a bad query", async (path, query) => {
    const res = await t.api.get(members(query), { token: ws.token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.issues[0].path).toBe(path);
  });
});

describe("members export follows the table's filters", () => {
  const exportCsv = async (query: string) => {
    const res = await t.api.get(members(`/export.csv${query}`), { token: ws.token });
    expect(res.status).toBe(200);
    return csvNames(res.text);
  };

  it("exports everyone, active and revoked, without filters", async () => {
    expect(await exportCsv("")).toEqual(["Ada Admin", "Bea Brown", "Cid Clark", "Dot Dean", "Eli Evans"]);
  });

  it("exports only the team, role, search and status asked for, in the order asked for", async () => {
    expect(await exportCsv(`?team=${tier2}`)).toEqual(["Cid Clark", "Dot Dean", "Eli Evans"]);
    expect(await exportCsv(`?team=${tier2}&status=active`)).toEqual(["Cid Clark", "Dot Dean"]);
    expect(await exportCsv(`?status=revoked`)).toEqual(["Eli Evans"]);
    expect(await exportCsv(`?role=agent&status=active&sort=lastActive`)).toEqual(["Bea Brown", "Cid Clark"]);
    expect(await exportCsv(`?q=clark`)).toEqual(["Cid Clark"]);
  });

  it("answers 400 for a bad export filter instead of exporting everyone", async () => {
    const res = await t.api.get(members("/export.csv?role=boss"), { token: ws.token });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("role");
  });
});
