import { afterAll, beforeAll, expect, it } from "vitest";
import { describeViolations, seriousAxeViolations, setUpWorkspace } from "@switchboard/server/test-support";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 15, invite form: roles and teams per row as well as for the whole batch (seed 001), each
 * role described in a line, and the choices reset after sending.
 */
let env: ConsoleEnv;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;

beforeAll(async () => {
  env = await startConsoleEnv("invite-form");
  ws = await setUpWorkspace(env.api);
}, 120_000);
afterAll(() => env?.close());

it("a row's own role replaces the batch's, roles are described, and the choices reset after sending", async () => {
  const page = await env.pageAs(ws.token);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/invitations");
  await page.getByTestId("invite-row-0-name").fill("Rowan Own");
  await page.getByTestId("invite-row-0-email").fill("rowan@acme.test");
  await page.getByTestId("invite-row-0-role").selectOption("supervisor");
  await page.getByTestId("invite-add-more").click();
  await page.getByTestId("invite-row-1-name").fill("Bea Batch");
  await page.getByTestId("invite-row-1-email").fill("bea@acme.test");
  await page.getByTestId("invite-role-agent").check();
  await page.locator('input[data-testid^="invite-team-"]').first().check();
  expect(await page.getByTestId("invite-role").textContent()).toContain("Takes calls and chats in the dock; no console.");
  await env.screenshot(page, "filled-1440");
  expect(describeViolations(await seriousAxeViolations(page, { include: ["[data-testid=invite-form]"] }))).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await env.screenshot(page, "filled-390");
  expect(describeViolations(await seriousAxeViolations(page, { include: ["[data-testid=invite-form]"] }))).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByTestId("invite-submit").click();
  await expect.poll(() => page.getByTestId("invite-report-count-invited").textContent()).toContain("2");
  const listed = await env.api.get(`/api/workspaces/${ws.workspaceId}/invitations`, { token: ws.token });
  const rolesOf = Object.fromEntries(listed.body.items.map((i: { email: string; roles: string[] }) => [i.email, i.roles]));
  expect(rolesOf).toEqual({ "rowan@acme.test": ["supervisor"], "bea@acme.test": ["agent"] });

  // Reset: no role or team is still ticked, and the rows are empty.
  expect(await page.getByTestId("invite-role-agent").isChecked()).toBe(false);
  expect(await page.locator('input[data-testid^="invite-team-"]:checked').count()).toBe(0);
  expect(await page.getByTestId("invite-row-0-role").inputValue()).toBe("");
  expect(await page.getByTestId("invite-row-0-email").inputValue()).toBe("");
  await env.screenshot(page, "sent-1440");
}, 120_000);

it("warns before leaving unsent invitations, and stays when the admin says so", async () => {
  const page = await env.pageAs(ws.token);
  await page.goto("/invitations");
  await page.getByTestId("invite-row-0-email").fill("half@acme.test");
  const questions: string[] = [];
  page.once("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page.locator('a[href="/members"]').first().click();
  await expect.poll(() => questions).toEqual(["Leave this page? The invitations you have not sent will be lost."]);
  expect(new URL(page.url()).pathname).toBe("/invitations");
  expect(await page.getByTestId("invite-row-0-email").inputValue()).toBe("half@acme.test");
}, 60_000);
