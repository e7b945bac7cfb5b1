import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeViolations, seriousAxeViolations, setUpWorkspace } from "@switchboard/server/test-support";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 15, pending invitations: roles and teams edited before acceptance (the link already sent
 * keeps working), a resend that says plainly it replaces the link, and confirmations naming the person.
 */
let env: ConsoleEnv;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let tier2: string;

const IVY = "ivy@acme.test";
const COLE = "cole@acme.test";

beforeAll(async () => {
  env = await startConsoleEnv("pending-invitation-actions");
  ws = await setUpWorkspace(env.api);
  tier2 = (await env.api.post(`/api/workspaces/${ws.workspaceId}/teams`, { name: "Tier 2" }, { token: ws.token })).body.id;
  const invitees = [{ name: "Ivy Invitee", email: IVY }, { name: "Cole Candidate", email: COLE }];
  const invited = await env.api.post(`/api/workspaces/${ws.workspaceId}/invitations`, { invitees, roles: ["agent"], teams: [ws.teamId] }, { token: ws.token });
  expect(invited.body.results.map((r: { status: string }) => r.status)).toEqual(["invited", "invited"]);
}, 120_000);
afterAll(() => env?.close());

async function pending(email: string) {
  const listed = await env.api.get(`/api/workspaces/${ws.workspaceId}/invitations`, { token: ws.token });
  return listed.body.items.find((i: { email: string }) => i.email === email) as { id: string; roles: string[]; teams: string[]; link: string };
}
/** The public preview the invitee's link opens: 200 while the link works. */
const previewStatus = async (link: string) => (await env.api.get(`/api/invitations/${link.split("/").pop()}`)).status;
const row = (page: Page, email: string) => page.locator(`[data-testid=pending-row][data-email="${email}"]`);

async function invitationsPage() {
  const page = await env.pageAs(ws.token);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/invitations");
  return page;
}

async function checkBothWidths(page: Page, name: string, selector: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await env.screenshot(page, `${name}-${width}`);
    expect(describeViolations(await seriousAxeViolations(page, { include: [selector] }))).toEqual([]);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

it("edits a pending invitation's roles and teams; the link already sent keeps working", async () => {
  const before = await pending(IVY);
  const page = await invitationsPage();
  await row(page, IVY).getByTestId("pending-edit").click();
  const dialog = page.getByTestId("invitation-edit-dialog");
  expect(await dialog.locator("h2").textContent()).toBe("Edit the invitation for Ivy Invitee");
  // Starts from the invitation's own choice, each role described in a line as in the invite form.
  expect(await page.getByTestId("invitation-edit-role-agent").isChecked()).toBe(true);
  expect(await page.getByTestId("invitation-edit-team").textContent()).toContain("Tier 2");
  expect(await page.getByTestId("invitation-edit-role").textContent()).toContain("Watches and coaches their teams");

  // Nothing ticked reads as a sentence and sends nothing.
  await page.getByTestId("invitation-edit-role-agent").uncheck();
  await page.getByTestId("invitation-edit-submit").click();
  expect(await page.getByTestId("invitation-edit-role").textContent()).toContain("Pick at least one role");

  await page.getByTestId("invitation-edit-role-supervisor").check();
  await page.getByTestId(`invitation-edit-team-${tier2}`).check();
  await checkBothWidths(page, "edit-dialog", "[data-testid=invitation-edit-dialog]");
  expect(await page.getByTestId("invitation-edit-submit").textContent()).toBe("Save roles and teams");
  await page.getByTestId("invitation-edit-submit").click();
  await dialog.waitFor({ state: "hidden" });

  await expect.poll(() => row(page, IVY).textContent()).toContain("Tier 2");
  expect((await row(page, IVY).textContent())?.toLowerCase()).toContain("supervisor");
  expect(await page.getByTestId("pending-notice").textContent()).toContain(IVY);
  const after = await pending(IVY);
  expect(after.roles).toEqual(["supervisor"]);
  expect([...after.teams].sort()).toEqual([ws.teamId, tier2].sort());
  expect(after.link).toBe(before.link);
  expect(await previewStatus(before.link)).toBe(200);
  await env.screenshot(page, "edited-1440");
}, 120_000);

it("shows the server's refusal in words when the invitation changed meanwhile", async () => {
  const page = await invitationsPage();
  await row(page, COLE).getByTestId("pending-cancel").click();
  // The cancel confirmation names the person, and its way out does not read "Cancel".
  expect(await page.getByTestId("confirm-dialog").locator("h2").textContent()).toBe("Cancel the invitation for Cole Candidate?");
  expect(await page.getByTestId("confirm-ok").textContent()).toBe("Cancel invitation for Cole Candidate");
  expect(await page.getByTestId("confirm-cancel").textContent()).toBe("Keep invitation");
  await page.getByTestId("confirm-cancel").click();

  await row(page, COLE).getByTestId("pending-edit").click();
  const cole = await pending(COLE);
  expect((await env.api.delete(`/api/workspaces/${ws.workspaceId}/invitations/${cole.id}`, { token: ws.token })).status).toBe(204);
  await page.getByTestId("invitation-edit-role-viewer").check();
  await page.getByTestId("invitation-edit-submit").click();
  await expect.poll(() => page.getByTestId("invitation-edit-error").textContent()).toContain("This invitation was already cancelled.");
  expect(await page.getByTestId("invitation-edit-dialog").isVisible()).toBe(true);
}, 120_000);

it("resend asks first, naming the person and saying the old link stops working, which it does", async () => {
  const before = await pending(IVY);
  const page = await invitationsPage();
  await row(page, IVY).getByTestId("pending-resend").click();
  const confirm = page.getByTestId("confirm-dialog");
  expect(await confirm.locator("h2").textContent()).toBe(`Resend the invitation to ${IVY}?`);
  expect(await page.getByTestId("pending-resend-warning").textContent()).toContain("The link sent before stops working.");
  expect(await page.getByTestId("confirm-ok").textContent()).toBe("Send a new link");
  await checkBothWidths(page, "resend-confirm", "[data-testid=confirm-dialog]");
  // Asking is not doing: nothing was sent yet.
  expect(await previewStatus(before.link)).toBe(200);

  await page.getByTestId("confirm-ok").click();
  await expect.poll(() => page.getByTestId("pending-notice").textContent()).toContain("the one sent before no longer works");
  const after = await pending(IVY);
  expect(after.link).not.toBe(before.link);
  expect(await previewStatus(after.link)).toBe(200);
  expect(await previewStatus(before.link)).not.toBe(200);
  await env.screenshot(page, "resent-1440");
}, 120_000);
