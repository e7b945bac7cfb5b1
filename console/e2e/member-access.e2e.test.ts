import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addTestMember, setUpWorkspace, type TestMember } from "@switchboard/server/test-support";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 3 in the console: the member page edits profile, roles and ordered teams within the
 * actor's grant ceiling (a manager cannot grant admin, and the server says 403 when forced);
 * revoke from the members table and from the member page moves or unassigns contacts, and the
 * revoked member's session stops working.
 */
let env: ConsoleEnv;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let tier2: string;
let alan: TestMember;
let mona: TestMember;

beforeAll(async () => {
  env = await startConsoleEnv("member-access");
  ws = await setUpWorkspace(env.api);
  const team = await env.api.post(`/api/workspaces/${ws.workspaceId}/teams`, { name: "Tier 2" }, { token: ws.token });
  expect(team.status).toBe(201);
  tier2 = team.body.id;
  alan = await addTestMember(env, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Alan Agent" });
  mona = await addTestMember(env, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId], name: "Mona Manager" });
});
afterAll(() => env?.close());

const rowOf = (page: Page, userId: string) => page.locator(`[data-testid="members-row"][data-user-id="${userId}"]`);
const memberVia = async (userId: string, token = ws.token) => (await env.api.get(`/api/workspaces/${ws.workspaceId}/members/${userId}`, { token })).body;
const contactsOf = async () => {
  const res = await env.api.get(`/api/workspaces/${ws.workspaceId}/contacts?pageSize=200`, { token: ws.token });
  return new Map<string, string | null>(res.body.items.map((c: { name: string; assigneeId: string | null }) => [c.name, c.assigneeId]));
};

it("an admin edits a member's profile, roles and primary team from the member page", async () => {
  const page = await env.pageAs(ws.token);
  await page.goto("/members");
  await rowOf(page, alan.userId).locator("td").nth(1).click();
  await page.waitForURL(`**/members/${alan.userId}`);
  await page.getByTestId("member-access-form").waitFor();
  expect(await page.getByTestId("member-title").textContent()).toBe("Alan Agent");
  expect(await page.getByTestId("member-email").inputValue()).toBe(alan.email);

  await page.getByTestId("member-phone").fill("+44 20 7183 8750");
  await page.getByTestId("member-location").fill("London");
  await page.getByTestId("member-skills").fill("Billing, Returns");
  await page.getByTestId("member-languages").fill("English, French");
  await page.getByTestId("member-roles-supervisor").check();
  await page.getByTestId("member-team-add").selectOption(tier2);
  await page.locator(`[data-testid="member-team"][data-team-id="${tier2}"]`).getByTestId("member-team-make-primary").click();
  await env.screenshot(page, "admin-editing-member");

  const patch = page.waitForRequest((req) => req.method() === "PATCH" && req.url().endsWith(`/members/${alan.userId}`));
  await page.getByTestId("member-save").click();
  expect((await patch).postDataJSON()).toEqual({
    profile: { phone: "+44 20 7183 8750", location: "London", skills: ["Billing", "Returns"], languages: ["English", "French"] },
    roles: ["agent", "supervisor"],
    teams: [tier2, ws.teamId],
  });
  await page.getByTestId("member-saved").waitFor();
  expect(await page.getByTestId("member-phone").inputValue()).toBe("+442071838750");
  await env.screenshot(page, "admin-saved-member");

  const stored = await memberVia(alan.userId);
  expect(stored).toMatchObject({ phone: "+442071838750", location: "London", skills: ["Billing", "Returns"], languages: ["English", "French"], teams: [tier2, ws.teamId] });
  expect([...stored.roles].sort()).toEqual(["agent", "supervisor"]);

  // The members table shows the change, primary team first.
  await page.getByTestId("member-back").click();
  await expect.poll(() => rowOf(page, alan.userId).textContent()).toContain("Supervisor");
  // The teams list loads beside the members list; its names may land a moment later.
  await expect.poll(() => rowOf(page, alan.userId).textContent()).toContain("Tier 2, Tier 1");
  expect(await rowOf(page, alan.userId).textContent()).toContain("+442071838750");
});

it("shows the server's field message next to the field it concerns", async () => {
  const page = await env.pageAs(ws.token);
  await page.goto(`/members/${alan.userId}`);
  await page.getByTestId("member-email").fill("not-an-email");
  await page.getByTestId("member-save").click();
  expect(await page.getByTestId("member-email-error").textContent()).toMatch(/valid e-mail/i);
  expect((await memberVia(alan.userId)).email).toBe(alan.email);
});

it("nobody changes their own access: roles and teams are disabled with the reason, and no revoke", async () => {
  const page = await env.pageAs(ws.token);
  await page.goto(`/members/${ws.userId}`);
  await page.getByTestId("member-access-form").waitFor();
  expect(await page.getByTestId("member-roles-note").textContent()).toBe("You cannot change your own access");
  for (const role of ["admin", "manager", "supervisor", "viewer", "agent"]) {
    expect(await page.getByTestId(`member-roles-${role}`).isDisabled()).toBe(true);
  }
  expect(await page.getByTestId("member-team-add").count()).toBe(0);
  expect(await page.getByTestId("member-revoke").count()).toBe(0);
  // Their own profile stays editable.
  expect(await page.getByTestId("member-location").isDisabled()).toBe(false);
  await env.screenshot(page, "own-access-locked");

  await page.goto("/members");
  await rowOf(page, ws.userId).waitFor();
  expect(await rowOf(page, ws.userId).getByTestId("member-revoke").count()).toBe(0);
  expect(await rowOf(page, alan.userId).getByTestId("member-revoke").count()).toBe(1);
});

it("a manager cannot grant admin: the box is disabled, and forcing it gets the server's 403 next to the roles", async () => {
  const page = await env.pageAs(mona.token);
  await page.goto(`/members/${alan.userId}`);
  await page.getByTestId("member-access-form").waitFor();
  expect(await page.getByTestId("member-roles-admin").isDisabled()).toBe(true);
  expect(await page.getByTestId("member-roles-manager").isDisabled()).toBe(true);
  expect(await page.getByTestId("member-roles-viewer").isDisabled()).toBe(false);
  await env.screenshot(page, "manager-role-ceiling");

  // Force the disabled box as a tampering user would; the server decides.
  await page.getByTestId("member-roles-admin").evaluate((box) => box.removeAttribute("disabled"));
  await page.getByTestId("member-roles-admin").check();
  const answer = page.waitForResponse((res) => res.request().method() === "PATCH" && res.url().endsWith(`/members/${alan.userId}`));
  await page.getByTestId("member-save").click();
  expect((await answer).status()).toBe(403);
  expect(await page.getByTestId("member-roles-error").textContent()).toMatch(/may only grant/i);
  await env.screenshot(page, "manager-forced-admin-refused");
  expect((await memberVia(alan.userId)).roles).not.toContain("admin");

  const direct = await env.api.patch(`/api/workspaces/${ws.workspaceId}/members/${alan.userId}`, { roles: ["admin"] }, { token: mona.token });
  expect(direct.status).toBe(403);
  expect(direct.body.error.code).toBe("ROLE_CEILING");
});

it("revokes from the members table with reassignment: the row goes, the contacts move, the session dies", async () => {
  const rita = await addTestMember(env, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Rita Leaving" });
  const hank = await addTestMember(env, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Hank Heir" });
  for (const [name, assigneeId] of [["Rita One", rita.userId], ["Rita Two", rita.userId], ["Alan Own", alan.userId]] as const) {
    const res = await env.api.post(`/api/workspaces/${ws.workspaceId}/contacts`, { name, phone: "+14155550123", assigneeId }, { token: ws.token });
    expect(res.status).toBe(201);
  }
  expect((await env.api.get("/api/me", { token: rita.token })).status).toBe(200);

  const page = await env.pageAs(ws.token);
  await page.goto("/members");
  await rowOf(page, rita.userId).getByTestId("member-revoke").click();
  await page.getByTestId("revoke-dialog").waitFor();
  expect(await page.getByTestId("revoke-warning").textContent()).toContain("This cannot be undone");
  const heirs = await page.getByTestId("revoke-heir").locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(heirs[0]).toBe("");
  expect(heirs).toContain(hank.userId);
  expect(heirs).not.toContain(rita.userId);
  await page.getByTestId("revoke-heir").selectOption(hank.userId);
  await env.screenshot(page, "revoke-dialog");
  expect(await page.getByTestId("confirm-ok").textContent()).toBe("Revoke Rita Leaving");
  await page.getByTestId("confirm-ok").click();
  await expect.poll(() => rowOf(page, rita.userId).count()).toBe(0);
  await env.screenshot(page, "revoked-row-gone");

  const contacts = await contactsOf();
  expect(contacts.get("Rita One")).toBe(hank.userId);
  expect(contacts.get("Rita Two")).toBe(hank.userId);
  expect(contacts.get("Alan Own")).toBe(alan.userId);
  expect((await env.api.get("/api/me", { token: rita.token })).status).toBe(401);
});

it("revokes from the member page leaving contacts unassigned; a manager never sees revoke for an admin", async () => {
  const vic = await addTestMember(env, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId], name: "Vic Viewer" });
  const res = await env.api.post(`/api/workspaces/${ws.workspaceId}/contacts`, { name: "Vic Contact", phone: "+14155550124", assigneeId: vic.userId }, { token: ws.token });
  expect(res.status).toBe(201);

  const manager = await env.pageAs(mona.token);
  await manager.goto(`/members/${ws.userId}`);
  await manager.getByTestId("member-access-form").waitFor();
  expect(await manager.getByTestId("member-revoke").count()).toBe(0);

  await manager.goto(`/members/${vic.userId}`);
  await manager.getByTestId("member-revoke").click();
  expect(await manager.getByTestId("revoke-heir").inputValue()).toBe("");
  await manager.getByTestId("confirm-ok").click();
  await manager.waitForURL("**/members");
  await manager.getByTestId("members-table").waitFor();
  await expect.poll(() => rowOf(manager, vic.userId).count()).toBe(0);

  expect((await contactsOf()).get("Vic Contact")).toBeNull();
  expect((await env.api.get("/api/me", { token: vic.token })).status).toBe(401);
});
