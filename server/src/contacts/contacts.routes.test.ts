import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";

let t: TestServer;
let admin: Awaited<ReturnType<typeof setUpWorkspace>>;
let base: string;
let salesId: string;
let m: Record<
  "manager" | "restrictedManager" | "supervisor" | "viewer" | "agentAll" | "agentTeam" | "agentSelf" | "agentMasked",
  TestMember
>;
const ids: Record<string, string> = {};

const ANNA = { phone: "+14155550167", email: "anna.tier@example.com" };

beforeAll(async () => {
  t = await startTestServer();
  admin = await setUpWorkspace(t.api);
  base = `/api/workspaces/${admin.workspaceId}`;
  salesId = (await t.api.post(`${base}/teams`, { name: "Sales" }, { token: admin.token })).body.id;
  const add = (roles: ("manager" | "supervisor" | "viewer" | "agent")[], restrictions = {}) =>
    addTestMember(t, admin.workspaceId, { roles, teams: [admin.teamId], restrictions });
  m = {
    manager: await add(["manager"]),
    restrictedManager: await add(["manager"], { noContactDeletion: true }),
    supervisor: await add(["supervisor"]),
    viewer: await add(["viewer"]),
    agentAll: await add(["agent"]),
    agentTeam: await add(["agent"], { contactVisibility: "teamAndSelf" }),
    agentSelf: await add(["agent"], { contactVisibility: "selfOnly" }),
    agentMasked: await add(["agent"], { maskContactInfo: true }),
  };
  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.api.post(`${base}/contacts`, body, { token: admin.token });
    if (res.status !== 201) throw new Error(res.text);
    ids[key] = res.body.id;
  };
  await create("anna", { name: "Anna Tier", ...ANNA, teamId: admin.teamId });
  await create("ben", { name: "Ben Self", phone: "+442079460958", assigneeId: m.agentSelf.userId, teamId: salesId });
  await create("cara", { name: "Cara Team", email: "cara@example.com", assigneeId: m.agentTeam.userId });
  await create("dan", { name: "Dan Other", phone: "+33142685300", assigneeId: m.agentAll.userId, teamId: salesId });
  await create("eve", { name: "Eve Unassigned" });
});
afterAll(() => t.close());

const list = (token: string, query = "") => t.api.get(`${base}/contacts${query}`, { token });
const names = (body: { items: Array<{ name: string }> }) => body.items.map((c) => c.name);

describe("contacts CRUD", () => {
  it("lists contacts by name with paging and a total", async () => {
    const all = await list(admin.token);
    expect(all.body.total).toBe(5);
    expect(names(all.body)).toEqual(["Anna Tier", "Ben Self", "Cara Team", "Dan Other", "Eve Unassigned"]);
    const page = await list(admin.token, "?page=2&pageSize=2");
    expect(page.body).toMatchObject({ total: 5 });
    expect(names(page.body)).toEqual(["Cara Team", "Dan Other"]);
  });

  it("names each contact's assignee in the list (issue 15: the table no longer needs the whole members list)", async () => {
    const all = await list(admin.token);
    const assignees = Object.fromEntries(all.body.items.map((c: { name: string; assigneeName: string | null }) => [c.name, c.assigneeName]));
    const nameOf = async (member: TestMember) => (await t.api.get(`${base}/members/${member.userId}`, { token: admin.token })).body.name;
    expect(assignees).toEqual({ "Anna Tier": null, "Ben Self": await nameOf(m.agentSelf), "Cara Team": await nameOf(m.agentTeam), "Dan Other": await nameOf(m.agentAll), "Eve Unassigned": null });
    expect(assignees["Ben Self"]).toMatch(/^agent \d+$/);
  });

  it("searches names, e-mails and phone digits", async () => {
    expect(names((await list(admin.token, "?q=ANNA")).body)).toEqual(["Anna Tier"]);
    expect(names((await list(admin.token, "?q=cara%40example")).body)).toEqual(["Cara Team"]);
    expect(names((await list(admin.token, "?q=2079460")).body)).toEqual(["Ben Self"]);
    expect((await list(admin.token, "?q=.*")).body.total).toBe(0);
  });

  it("gets, updates and validates a contact", async () => {
    const got = await t.api.get(`${base}/contacts/${ids.anna}`, { token: m.agentAll.token });
    expect(got.body).toMatchObject({ name: "Anna Tier", ...ANNA, teamId: admin.teamId, assigneeId: null, masked: false });
    const patched = await t.api.patch(`${base}/contacts/${ids.eve}`, { name: "Eve Assigned", assigneeId: m.agentAll.userId }, { token: m.supervisor.token });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: "Eve Assigned", assigneeId: m.agentAll.userId });
    const back = await t.api.patch(`${base}/contacts/${ids.eve}`, { name: "Eve Unassigned", assigneeId: null }, { token: m.agentAll.token });
    expect(back.body.assigneeId).toBeNull();

    const badPhone = await t.api.post(`${base}/contacts`, { name: "X", phone: "+1 415 555" }, { token: admin.token });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details.issues[0].path).toBe("phone");
    const badAssignee = await t.api.post(`${base}/contacts`, { name: "X", assigneeId: "a".repeat(24) }, { token: admin.token });
    expect(badAssignee.status).toBe(400);
    expect(badAssignee.body.error.details.issues[0].path).toBe("assigneeId");
    const badTeam = await t.api.patch(`${base}/contacts/${ids.eve}`, { teamId: "b".repeat(24) }, { token: admin.token });
    expect(badTeam.body.error.details.issues[0].path).toBe("teamId");
    expect((await t.api.post(`${base}/contacts`, { name: "X", owner: "me" }, { token: admin.token })).status).toBe(400);
    expect((await list(admin.token)).body.total).toBe(5);
  });

  it("lets viewers read but not create or edit", async () => {
    expect((await list(m.viewer.token)).body.total).toBe(5);
    expect((await t.api.post(`${base}/contacts`, { name: "Nope" }, { token: m.viewer.token })).status).toBe(403);
    expect((await t.api.patch(`${base}/contacts/${ids.eve}`, { name: "Nope" }, { token: m.viewer.token })).status).toBe(403);
  });

  it("deletes for admins and unrestricted managers; 403 for a restricted manager, supervisors, viewers and agents", async () => {
    const make = async () => (await t.api.post(`${base}/contacts`, { name: "Temp" }, { token: admin.token })).body.id as string;
    const first = await make();
    for (const member of [m.restrictedManager, m.supervisor, m.viewer, m.agentAll]) {
      const res = await t.api.delete(`${base}/contacts/${first}`, { token: member.token });
      expect(res.status).toBe(403);
    }
    expect((await t.api.delete(`${base}/contacts/${first}`, { token: m.manager.token })).status).toBe(204);
    const second = await make();
    expect((await t.api.delete(`${base}/contacts/${second}`, { token: admin.token })).status).toBe(204);
    expect((await t.api.get(`${base}/contacts/${second}`, { token: admin.token })).status).toBe(404);
    expect(await AuditEventModel.countDocuments({ action: "contact.deleted" })).toBe(2);
  });
});

describe("security: contact visibility restrictions", () => {
  it("selfOnly: an agent sees only their contacts in list, get and search", async () => {
    const token = m.agentSelf.token;
    const mine = await list(token);
    expect(names(mine.body)).toEqual(["Ben Self"]);
    expect(mine.body.total).toBe(1);
    expect((await t.api.get(`${base}/contacts/${ids.ben}`, { token })).status).toBe(200);
    for (const key of ["anna", "cara", "dan", "eve"]) {
      expect((await t.api.get(`${base}/contacts/${ids[key]}`, { token })).status).toBe(404);
      expect((await t.api.patch(`${base}/contacts/${ids[key]}`, { name: "Taken" }, { token })).status).toBe(404);
    }
    expect((await list(token, "?q=anna")).body).toEqual({ items: [], total: 0 });
    expect(names((await list(token, "?q=ben")).body)).toEqual(["Ben Self"]);
  });

  it("teamAndSelf: an agent sees their team's contacts and their own", async () => {
    const token = m.agentTeam.token;
    expect(names((await list(token)).body)).toEqual(["Anna Tier", "Cara Team"]);
    expect((await t.api.get(`${base}/contacts/${ids.anna}`, { token })).status).toBe(200);
    expect((await t.api.get(`${base}/contacts/${ids.cara}`, { token })).status).toBe(200);
    for (const key of ["ben", "dan", "eve"]) {
      expect((await t.api.get(`${base}/contacts/${ids[key]}`, { token })).status).toBe(404);
    }
    expect((await list(token, "?q=dan")).body.total).toBe(0);
    expect(names((await list(token, "?q=tier")).body)).toEqual(["Anna Tier"]);
  });

  it("all: an unrestricted agent sees every contact", async () => {
    expect((await list(m.agentAll.token)).body.total).toBe(5);
  });

  it("assigns a restricted agent's new contact to them, and refuses one they could not see", async () => {
    const created = await t.api.post(`${base}/contacts`, { name: "Zed New" }, { token: m.agentSelf.token });
    expect(created.status).toBe(201);
    expect(created.body.assigneeId).toBe(m.agentSelf.userId);
    const elsewhere = await t.api.post(`${base}/contacts`, { name: "Zed Other", assigneeId: m.agentAll.userId }, { token: m.agentSelf.token });
    expect(elsewhere.status).toBe(403);
    expect((await t.api.delete(`${base}/contacts/${created.body.id}`, { token: admin.token })).status).toBe(204);
  });
});

describe("security: masked agents never receive a clear phone number or e-mail", () => {
  const CLEAR = ["4155550167", "2079460958", "142685300", "anna.tier", "cara@", "zoe.new", "7185550123"];
  const expectNoClearValue = (text: string) => {
    for (const clear of CLEAR) expect(text).not.toContain(clear);
  };

  it("masks phone and e-mail in list, search and get responses", async () => {
    const token = m.agentMasked.token;
    const all = await list(token);
    expect(all.body.total).toBe(5);
    expectNoClearValue(all.text);
    const anna = all.body.items.find((c: { name: string }) => c.name === "Anna Tier");
    expect(anna).toMatchObject({ phone: "+1 415 ••• ••67", email: "a•••@example.com", masked: true });
    const searched = await list(token, "?q=anna");
    expect(searched.body.total).toBe(1);
    expectNoClearValue(searched.text);
    for (const key of Object.keys(ids)) {
      const got = await t.api.get(`${base}/contacts/${ids[key]}`, { token });
      expect(got.status).toBe(200);
      expectNoClearValue(got.text);
    }
  });

  it("does not let a masked agent find contacts by their hidden phone or e-mail", async () => {
    expect((await list(m.agentMasked.token, "?q=4155550167")).body.total).toBe(0);
    expect((await list(m.agentMasked.token, "?q=anna.tier%40")).body.total).toBe(0);
  });

  it("lets a masked agent add a missing phone and e-mail, masked in the reply, but not change or remove one", async () => {
    const token = m.agentMasked.token;
    const created = await t.api.post(`${base}/contacts`, { name: "Zoe New", phone: "+17185550123", email: "zoe.new@example.com" }, { token });
    expect(created.status).toBe(201);
    expectNoClearValue(created.text);
    expect(created.body).toMatchObject({ phone: "+1 718 ••• ••23", email: "z•••@example.com" });

    const addPhone = await t.api.patch(`${base}/contacts/${ids.cara}`, { phone: "+17185550123" }, { token });
    expect(addPhone.status).toBe(200);
    expectNoClearValue(addPhone.text);
    const addEmail = await t.api.patch(`${base}/contacts/${ids.ben}`, { email: "zoe.new@example.com" }, { token });
    expect(addEmail.status).toBe(200);
    expectNoClearValue(addEmail.text);

    const attempts = [
      [ids.anna, { phone: "+12125550123" }],
      [ids.anna, { phone: null }],
      [ids.anna, { email: "other@example.com" }],
      [ids.cara, { email: "cara@example.com" }],
      [ids.anna, { phone: ANNA.phone }],
    ] as const;
    for (const [id, patch] of attempts) {
      const res = await t.api.patch(`${base}/contacts/${id}`, patch, { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
      expectNoClearValue(res.text);
    }
    const renamed = await t.api.patch(`${base}/contacts/${ids.anna}`, { name: "Anna Tier" }, { token });
    expect(renamed.status).toBe(200);
    expectNoClearValue(renamed.text);
    const anna = await t.api.get(`${base}/contacts/${ids.anna}`, { token: admin.token });
    expect(anna.body).toMatchObject(ANNA);
    expect((await t.api.get(`${base}/contacts/${ids.cara}`, { token: admin.token })).body.phone).toBe("+17185550123");
    await t.api.delete(`${base}/contacts/${created.body.id}`, { token: admin.token });
  });

  it("shows the clear values to everyone else", async () => {
    for (const member of [m.manager, m.supervisor, m.viewer, m.agentAll]) {
      const res = await t.api.get(`${base}/contacts/${ids.anna}`, { token: member.token });
      expect(res.body).toMatchObject({ ...ANNA, masked: false });
    }
  });
});
