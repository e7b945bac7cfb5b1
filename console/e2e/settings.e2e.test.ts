import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addTestMember, ADMIN, setUpWorkspace, type TestMember } from "@switchboard/server/test-support";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 4, acceptance 4: an admin changes a team's auto answer in the console; a member without an
 * override shows the new inherited value and its origin; turning the override on for one member
 * and setting a value changes only that member (checked in the UI and through the API).
 */
let env: ConsoleEnv;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let alan: TestMember;
let bea: TestMember;

beforeAll(async () => {
  env = await startConsoleEnv("settings");
  ws = await setUpWorkspace(env.api);
  // A workspace default first, so the team's change visibly replaces an inherited value.
  const put = await env.api.put(`/api/workspaces/${ws.workspaceId}/settings`, { settings: { autoAnswerSeconds: 5 } }, { token: ws.token });
  expect(put.status).toBe(200);
  alan = await addTestMember(env, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Alan Agent" });
  bea = await addTestMember(env, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Bea Agent" });
});
afterAll(() => env?.close());

const memberSettings = async (userId: string) => {
  const res = await env.api.get(`/api/workspaces/${ws.workspaceId}/members/${userId}/settings`, { token: ws.token });
  expect(res.status).toBe(200);
  return { value: res.body.values.autoAnswerSeconds, origin: res.body.origins.autoAnswerSeconds, override: res.body.overrideDockSettings };
};

async function signInAsAdmin(): Promise<Page> {
  const page = await (await env.newContext()).newPage();
  await page.goto("/login");
  await page.getByTestId("login-email").fill(ADMIN.email);
  await page.getByTestId("login-password").fill(ADMIN.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("shell-user-name").waitFor();
  return page;
}

const autoAnswerRow = (page: Page) => page.getByTestId("setting-autoAnswerSeconds");

async function openMemberSettings(page: Page, userId: string) {
  await page.goto("/members");
  await page.locator(`[data-testid="members-row"][data-user-id="${userId}"]`).getByTestId("member-settings-open").click();
  await autoAnswerRow(page).waitFor();
}

it("shows a team's new auto answer as inherited, and a member override changes only that member", async () => {
  const page = await signInAsAdmin();

  // Before: Alan inherits the workspace default.
  await openMemberSettings(page, alan.userId);
  await expect.poll(() => autoAnswerRow(page).getAttribute("data-origin")).toBe("workspace");
  expect(await page.getByTestId("setting-autoAnswerSeconds-inherited").textContent()).toBe("After 5 s");
  await env.screenshot(page, "member-before-team-change");

  // 1. The admin sets Tier 1's auto answer to 20 s.
  await page.goto("/teams");
  await page.locator(`[data-testid="teams-row"][data-team-id="${ws.teamId}"]`).getByTestId("team-settings-open").click();
  await autoAnswerRow(page).waitFor();
  expect(await page.getByTestId("setting-autoAnswerSeconds-origin").textContent()).toBe("from workspace");
  await page.getByTestId("setting-autoAnswerSeconds-override").check();
  await page.getByTestId("setting-autoAnswerSeconds-input").fill("20");
  await env.screenshot(page, "team-auto-answer-edited");
  await page.getByTestId("settings-save").click();
  await page.getByTestId("settings-saved").waitFor();
  expect(await autoAnswerRow(page).getAttribute("data-origin")).toBe("team");
  await env.screenshot(page, "team-saved");

  // 2. Alan, without an override, shows 20 s from team Tier 1.
  await openMemberSettings(page, alan.userId);
  await expect.poll(() => autoAnswerRow(page).getAttribute("data-origin")).toBe("team:Tier 1");
  expect(await page.getByTestId("setting-autoAnswerSeconds-inherited").textContent()).toBe("After 20 s");
  expect(await page.getByTestId("setting-autoAnswerSeconds-origin").textContent()).toBe("from team Tier 1");
  expect(await page.getByTestId("setting-autoAnswerSeconds-input").inputValue()).toBe("20");
  expect(await page.getByTestId("setting-autoAnswerSeconds-override").isDisabled()).toBe(true);
  await env.screenshot(page, "member-inherits-team");

  // 3. The dock override on for Alan, auto answer 7 s.
  await page.getByTestId("dock-override-switch").check();
  await page.getByTestId("setting-autoAnswerSeconds-override").check();
  // The override starts from the inherited value.
  expect(await page.getByTestId("setting-autoAnswerSeconds-input").inputValue()).toBe("20");
  await page.getByTestId("setting-autoAnswerSeconds-input").fill("7");
  await env.screenshot(page, "member-override-edited");
  await page.getByTestId("settings-save").click();
  await page.getByTestId("settings-saved").waitFor();
  expect(await autoAnswerRow(page).getAttribute("data-origin")).toBe("user");
  expect(await page.getByTestId("setting-autoAnswerSeconds-origin").textContent()).toBe("Set here");
  await env.screenshot(page, "member-override-saved");

  // After a reload the page still shows Alan's own value.
  await page.reload();
  await autoAnswerRow(page).waitFor();
  await expect.poll(() => autoAnswerRow(page).getAttribute("data-origin")).toBe("user");
  expect(await page.getByTestId("setting-autoAnswerSeconds-input").inputValue()).toBe("7");

  // 4. Bea is untouched: still the team's 20 s, in the UI and through the API.
  await openMemberSettings(page, bea.userId);
  await expect.poll(() => autoAnswerRow(page).getAttribute("data-origin")).toBe("team:Tier 1");
  expect(await page.getByTestId("setting-autoAnswerSeconds-input").inputValue()).toBe("20");
  expect(await page.getByTestId("dock-override-switch").isChecked()).toBe(false);
  await env.screenshot(page, "other-member-unchanged");

  expect(await memberSettings(alan.userId)).toEqual({ value: 7, origin: "user", override: true });
  expect(await memberSettings(bea.userId)).toEqual({ value: 20, origin: "team:Tier 1", override: false });
});

it("locks a workspace field for every level below, edits away reasons, and sets an agent's restrictions", async () => {
  const page = await signInAsAdmin();

  // Workspace settings: lock auto answer, add an away reason.
  await page.getByTestId("nav-settings").click();
  await autoAnswerRow(page).waitFor();
  expect(await page.getByTestId("setting-autoAnswerSeconds-origin").textContent()).toBe("Custom default");
  await page.getByTestId("setting-autoAnswerSeconds-lock").check();
  // A bad forwarding number is caught by the shared schema before anything is sent.
  await page.getByTestId("setting-forwardTo-override").check();
  await page.getByTestId("setting-forwardTo-input").fill("+1 (415) 555");
  await page.getByTestId("settings-save").click();
  expect(await page.getByTestId("setting-forwardTo-error").textContent()).toContain("Not a valid phone number");
  expect(await page.getByTestId("settings-invalid").textContent()).toBe("Fix 1 highlighted field");
  await env.screenshot(page, "workspace-invalid-forwarding");
  await page.getByTestId("setting-forwardTo-input").fill("+14155550123");
  await page.getByTestId("away-reason-new").fill("Coaching");
  await page.getByTestId("away-reason-add").click();
  await env.screenshot(page, "workspace-lock-and-reason");
  await page.getByTestId("settings-save").click();
  await page.getByTestId("settings-saved").waitFor();
  const saved = await env.api.get(`/api/workspaces/${ws.workspaceId}/settings`, { token: ws.token });
  expect(saved.body.locks).toEqual(["autoAnswerSeconds"]);
  expect(saved.body.awayReasons).toContain("Coaching");
  expect(saved.body.settings).toEqual({ autoAnswerSeconds: 5, forwardTo: "+14155550123" });

  // Alan's own 7 s and the team's 20 s give way to the locked workspace value.
  await openMemberSettings(page, alan.userId);
  await expect.poll(() => autoAnswerRow(page).getAttribute("data-locked")).toBe("workspace");
  expect(await page.getByTestId("setting-autoAnswerSeconds-locked").textContent()).toContain("Locked by workspace");
  expect(await page.getByTestId("setting-autoAnswerSeconds-input").inputValue()).toBe("5");
  expect(await page.getByTestId("setting-autoAnswerSeconds-input").isDisabled()).toBe(true);
  expect(await page.getByTestId("setting-autoAnswerSeconds-ignored").isVisible()).toBe(true);
  expect(await memberSettings(alan.userId)).toEqual({ value: 5, origin: "workspace", override: true });

  // Advanced restrictions for an agent (admin only): team-and-self visibility and masking.
  await page.getByTestId("restriction-contactVisibility-teamAndSelf").check();
  await page.getByTestId("restriction-maskContactInfo").check();
  await env.screenshot(page, "member-locked-and-restrictions");
  await page.getByTestId("restrictions-save").click();
  await page.getByTestId("restrictions-saved").waitFor();
  const members = await env.api.get(`/api/workspaces/${ws.workspaceId}/members`, { token: ws.token });
  const restrictions = members.body.items.find((m: { userId: string }) => m.userId === alan.userId).restrictions;
  expect(restrictions).toMatchObject({ contactVisibility: "teamAndSelf", maskContactInfo: true, hideWorkflows: false });
});

it("renames a team and deletes it only when it is empty", async () => {
  const created = await env.api.post(`/api/workspaces/${ws.workspaceId}/teams`, { name: "Tier 2" }, { token: ws.token });
  expect(created.status).toBe(201);
  const page = await signInAsAdmin();

  await page.goto(`/teams/${ws.teamId}/settings`);
  await page.getByTestId("team-identity").waitFor();
  expect(await page.getByTestId("team-delete").isDisabled()).toBe(true);

  await page.goto("/teams");
  await page.locator(`[data-testid="teams-row"][data-team-id="${created.body.id}"]`).getByTestId("team-settings-open").click();
  await page.getByTestId("team-rename-name").fill("Escalations");
  await page.getByTestId("team-rename").click();
  await expect.poll(() => page.getByTestId("team-settings-title").textContent()).toBe("Escalations settings");
  await env.screenshot(page, "team-renamed");
  await page.getByTestId("team-delete").click();
  expect(await page.getByTestId("confirm-ok").textContent()).toBe("Delete Escalations");
  await page.getByTestId("confirm-ok").click();
  await page.getByTestId("teams-table").waitFor();
  await expect.poll(() => page.locator(`[data-testid="teams-row"][data-team-id="${created.body.id}"]`).count()).toBe(0);
  const teams = await env.api.get(`/api/workspaces/${ws.workspaceId}/teams`, { token: ws.token });
  expect(teams.body.items.map((t: { name: string }) => t.name)).toEqual(["Tier 1"]);
});
