import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 3, acceptance 1: a new admin sets up the workspace, invites two people by hand and five by
 * CSV, one invitee opens the registration link from the e-mail a real SMTP server captured,
 * registers, signs in, and lands where their role belongs. Screenshots of every step are kept.
 */
let env: ConsoleEnv;
beforeAll(async () => {
  env = await startConsoleEnv("members-journey");
});
afterAll(() => env?.close());

const ADMIN = { first: "Grace", last: "Hopper", email: "grace@acme.test", password: "navy-cobol-1959" };

async function fillSetup(page: Page) {
  await page.getByTestId("setup-organization").fill("Acme");
  await page.getByTestId("setup-workspace").fill("Support");
  await page.getByTestId("setup-team").fill("Tier 1");
  await page.getByTestId("setup-first-name").fill(ADMIN.first);
  await page.getByTestId("setup-last-name").fill(ADMIN.last);
  await page.getByTestId("setup-email").fill(ADMIN.email);
  await page.getByTestId("setup-password").fill(ADMIN.password);
}

it("takes an admin from setup through invitations to a registered, signed-in agent", async () => {
  const adminContext = await env.newContext();
  const page = await adminContext.newPage();

  // 1. First run: setup.
  await page.goto("/");
  await page.getByTestId("setup-submit").waitFor();
  await fillSetup(page);
  await env.screenshot(page, "setup-filled");
  await page.getByTestId("setup-submit").click();
  await page.getByTestId("shell-user-name").waitFor();
  await expect.poll(() => page.getByTestId("shell-user-name").textContent()).toContain(ADMIN.first);
  await env.screenshot(page, "console-after-setup");

  // 2. Invite two people by hand ("Add more").
  await page.goto("/invitations");
  await page.getByTestId("invite-row-0-name").fill("Alan Turing");
  await page.getByTestId("invite-row-0-email").fill("alan@acme.test");
  await page.getByTestId("invite-add-more").click();
  await page.getByTestId("invite-row-1-name").fill("Ada Lovelace");
  await page.getByTestId("invite-row-1-email").fill("ada@acme.test");
  await page.getByTestId("invite-row-1-phone").fill("+14155550123");
  await page.getByTestId("invite-role-agent").check();
  await page.locator('[data-testid^="invite-team-"] input, input[data-testid^="invite-team-"]').first().check();
  await env.screenshot(page, "manual-invite-filled");
  await page.getByTestId("invite-submit").click();
  await page.getByTestId("invite-report").waitFor();
  await expect.poll(() => page.getByTestId("invite-report-row").count()).toBe(2);
  await env.screenshot(page, "manual-invite-report");

  // 3. Five more by CSV (BOM, semicolons), previewed before sending.
  const csv = "\uFEFFname;email;phone\nKatherine Johnson;katherine@acme.test;\nDorothy Vaughan;dorothy@acme.test;+14155550124\n"
    + "Mary Jackson;mary@acme.test;\nMargaret Hamilton;margaret@acme.test;\nRadia Perlman;radia@acme.test;\n";
  const csvPath = join(tmpdir(), `invitees-${Date.now()}.csv`);
  writeFileSync(csvPath, csv);
  await page.getByTestId("invite-tab-csv").click();
  await page.getByTestId("csv-file").setInputFiles(csvPath);
  await page.getByTestId("csv-role-agent").check();
  await page.locator('input[data-testid^="csv-team-"]').first().check();
  await page.getByTestId("csv-preview").waitFor();
  await expect.poll(() => page.getByTestId("csv-preview-row").count()).toBe(5);
  await env.screenshot(page, "csv-preview");
  await page.getByTestId("csv-submit").click();
  await page.getByTestId("invite-report").waitFor();
  await expect.poll(() => page.getByTestId("invite-report-row").count()).toBe(5);
  await expect.poll(() => page.getByTestId("invite-report-count-invited").textContent()).toContain("5");
  await env.screenshot(page, "csv-report");

  // 4. The pending table lists all seven with their links.
  await page.goto("/invitations");
  await expect.poll(() => page.getByTestId("pending-row").count()).toBe(7);
  await env.screenshot(page, "pending-invitations");

  // 5. Every invitee got an e-mail through real SMTP; open Alan's link in a fresh browser.
  await expect.poll(() => env.smtp.messages.length).toBe(7);
  const [link] = env.smtp.linksFor("alan@acme.test");
  expect(link).toBeDefined();
  const inviteeContext = await env.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link!);
  await invitee.getByTestId("register-summary").waitFor();
  expect(await invitee.getByRole("heading", { level: 1 }).textContent()).toContain("Join Support");
  expect((await invitee.getByTestId("register-roles").textContent())?.toLowerCase()).toContain("agent");
  await invitee.getByTestId("register-first-name").fill("Alan");
  await invitee.getByTestId("register-last-name").fill("Turing");
  await invitee.getByTestId("register-password").fill("enigma-bombe-1940");
  await env.screenshot(invitee, "register-filled");
  await invitee.getByTestId("register-submit").click();

  // 6. Agents are sent to install the dock.
  await invitee.getByTestId("install-dock").waitFor();
  await env.screenshot(invitee, "agent-landing-install-dock");

  // 7. The link works once.
  const reuse = await env.newContext();
  const again = await reuse.newPage();
  await again.goto(link!);
  await again.getByTestId("register-invalid").waitFor();
  await env.screenshot(again, "link-used-twice");

  // 8. The new agent signs in later and is sent to the dock again (agents have no console).
  const later = await (await env.newContext()).newPage();
  await later.goto("/login");
  await later.getByTestId("login-email").fill("alan@acme.test");
  await later.getByTestId("login-password").fill("enigma-bombe-1940");
  await later.getByTestId("login-submit").click();
  await later.getByTestId("install-dock").waitFor();
  await env.screenshot(later, "agent-sign-in-landing");

  // 9. The admin sees Alan as an active member and six invitations still pending.
  await page.goto("/members");
  await expect.poll(() => page.getByTestId("members-row").count()).toBe(2);
  await env.screenshot(page, "members-with-alan");
  await page.goto("/invitations");
  await expect.poll(() => page.getByTestId("pending-row").count()).toBe(6);
  // Every page above ran under the console's Content-Security-Policy without a violation.
  expect(env.cspViolations).toEqual([]);
});
