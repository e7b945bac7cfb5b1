import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addTestMember, setUpWorkspace, type TestMember } from "@switchboard/server/test-support";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 4 contacts in the console: create with assignee and team, search, edit sending only what
 * changed, delete; a manager restricted from contact deletion never sees the Delete button.
 */
let env: ConsoleEnv;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let alan: TestMember;
let restrictedManager: TestMember;

beforeAll(async () => {
  env = await startConsoleEnv("contacts");
  ws = await setUpWorkspace(env.api);
  alan = await addTestMember(env, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Alan Agent" });
  restrictedManager = await addTestMember(env, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId], name: "Mona Manager", restrictions: { noContactDeletion: true } });
  const seed = await env.api.post(`/api/workspaces/${ws.workspaceId}/contacts`, { name: "Zed Existing", phone: "+442071838750" }, { token: ws.token });
  expect(seed.status).toBe(201);
});
afterAll(() => env?.close());

const rowNamed = (page: Page, name: string) => page.locator('[data-testid="contacts-row"]', { hasText: name });

it("creates, finds, edits and deletes a contact with assignee and team", async () => {
  const page = await env.pageAs(ws.token);
  await page.goto("/contacts");
  await rowNamed(page, "Zed Existing").waitFor();

  await page.getByTestId("contact-new").click();
  await page.getByTestId("contact-name").fill("Jane Doe");
  await page.getByTestId("contact-phone").fill("+14155550123");
  await page.getByTestId("contact-email").fill("jane@example.com");
  await page.getByTestId("contact-assignee").selectOption(alan.userId);
  await page.getByTestId("contact-team").selectOption(ws.teamId);
  await env.screenshot(page, "create-dialog");
  await page.getByTestId("contact-submit").click();
  await rowNamed(page, "Jane Doe").waitFor();
  // Assignee and team names come from their own lists, loaded beside the contacts.
  await expect.poll(() => rowNamed(page, "Jane Doe").textContent()).toContain("Alan Agent");
  await expect.poll(() => rowNamed(page, "Jane Doe").textContent()).toContain("Tier 1");
  await env.screenshot(page, "list");

  await page.getByTestId("contacts-search").fill("jane");
  await expect.poll(() => page.getByTestId("contacts-row").count()).toBe(1);

  await rowNamed(page, "Jane Doe").getByTestId("contact-edit").click();
  await page.getByTestId("contact-phone").fill("+14155550199");
  const patch = page.waitForRequest((req) => req.method() === "PATCH" && req.url().includes("/contacts/"));
  await page.getByTestId("contact-submit").click();
  expect((await patch).postDataJSON()).toEqual({ phone: "+14155550199" });
  await expect.poll(() => rowNamed(page, "Jane Doe").textContent()).toContain("+14155550199");

  await rowNamed(page, "Jane Doe").getByTestId("contact-delete").click();
  await env.screenshot(page, "delete-confirm");
  expect(await page.getByTestId("confirm-ok").textContent()).toBe("Delete Jane Doe");
  await page.getByTestId("confirm-ok").click();
  await page.getByTestId("contacts-empty").waitFor();
  const left = await env.api.get(`/api/workspaces/${ws.workspaceId}/contacts`, { token: ws.token });
  expect(left.body.items.map((c: { name: string }) => c.name)).toEqual(["Zed Existing"]);
});

it("hides Delete from a manager restricted from contact deletion", async () => {
  const page = await env.pageAs(restrictedManager.token);
  await page.goto("/contacts");
  await rowNamed(page, "Zed Existing").waitFor();
  expect(await rowNamed(page, "Zed Existing").getByTestId("contact-edit").count()).toBe(1);
  expect(await page.getByTestId("contact-delete").count()).toBe(0);
  await env.screenshot(page, "restricted-manager");
});
