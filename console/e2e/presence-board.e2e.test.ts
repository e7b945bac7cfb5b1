import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addTestMember, connect, nextEvent, nextOffer, request, setUpWorkspace, visitorOf, type ClientSocket, type TestMember } from "@switchboard/server/test-support";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 5 in the console: the presence board and the members table follow a dock (simulated
 * with socket.io-client on /dock) live, without reloading; a supervisor sets an agent's status
 * with a reason from the board and the agent's dock is told who did it.
 */
let env: ConsoleEnv;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let tier2: string;
let alan: TestMember;
let bea: TestMember;
let sam: TestMember;
const docks: ClientSocket[] = [];

beforeAll(async () => {
  env = await startConsoleEnv("presence-board");
  ws = await setUpWorkspace(env.api);
  tier2 = (await env.api.post(`/api/workspaces/${ws.workspaceId}/teams`, { name: "Tier 2" }, { token: ws.token })).body.id;
  alan = await addTestMember(env, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name: "Alan Agent" });
  bea = await addTestMember(env, ws.workspaceId, { roles: ["agent"], teams: [tier2], name: "Bea Other" });
  sam = await addTestMember(env, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId], name: "Sam Supervisor" });
});
afterAll(async () => {
  for (const dock of docks) dock.close();
  await env?.close();
});

async function openDock(member: TestMember): Promise<ClientSocket> {
  const dock = await connect(env.url, "/dock", { token: member.token, workspaceId: ws.workspaceId, deviceId: `dock-${member.userId}` });
  docks.push(dock);
  return dock;
}

async function dockSets(dock: ClientSocket, body: { status: "available" | "away"; awayReason?: string }) {
  const ack = await request(dock, "presence:set", body);
  expect(ack.ok).toBe(true);
}

const boardRow = (page: Page, userId: string) => page.locator(`[data-testid="presence-row"][data-user-id="${userId}"]`);
/** Set before the live changes and read after: a reload would have wiped it. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
const samePage = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

it("shows a dock going available, then away for Lunch, live on the board", async () => {
  const page = await env.pageAs(ws.token);
  await page.goto("/presence");
  await page.locator('[data-testid="presence-connection"][data-state="live"]').waitFor();
  await boardRow(page, alan.userId).waitFor();
  expect(await boardRow(page, alan.userId).getAttribute("data-status")).toBe("offline");
  const teams = await page.getByTestId("presence-team").evaluateAll((groups) => groups.map((g) => g.querySelector("h2")?.textContent));
  expect(teams).toEqual(["Tier 1", "Tier 2"]);
  await env.screenshot(page, "board-all-offline");
  await markPage(page);

  const dock = await openDock(alan);
  await dockSets(dock, { status: "available" });
  await expect.poll(() => boardRow(page, alan.userId).getAttribute("data-status")).toBe("available");
  expect(await boardRow(page, alan.userId).getByTestId("presence-last-seen").textContent()).toBe("Now");
  await env.screenshot(page, "board-alan-available");

  await dockSets(dock, { status: "away", awayReason: "Lunch" });
  await expect.poll(() => boardRow(page, alan.userId).getAttribute("data-status")).toBe("away");
  expect(await boardRow(page, alan.userId).getByTestId("presence-reason").textContent()).toBe("Lunch");
  // Chats on the board come from interactions (DESIGN.md §8): two customers' chats, both accepted.
  const queue = await env.api.post(`/api/workspaces/${ws.workspaceId}/queues`, { name: "Web chat", channel: "chat", teams: [ws.teamId] }, { token: ws.token });
  expect(queue.status).toBe(201);
  await dockSets(dock, { status: "available" });
  for (const customer of ["Cleo", "Dan"]) {
    const offered = nextOffer(dock, 10_000);
    await (await visitorOf(env.url, ws.workspaceId, queue.body.id)).start(`Hello, this is ${customer}`, { name: customer });
    const accepted = await request(dock, "offer:accept", { offerId: (await offered).offerId });
    expect(accepted.ok).toBe(true);
  }
  await expect.poll(() => boardRow(page, alan.userId).getByTestId("presence-chats").textContent()).toBe("2/3");
  await dockSets(dock, { status: "away", awayReason: "Lunch" });
  await expect.poll(() => boardRow(page, alan.userId).getAttribute("data-status")).toBe("away");
  // Each agent's own limit: raising Tier 1's reaches the open board without a reload.
  const raised = await env.api.patch(`/api/workspaces/${ws.workspaceId}/teams/${ws.teamId}`, { settings: { chatsPerUser: 5 } }, { token: ws.token });
  expect(raised.status).toBe(200);
  await expect.poll(() => boardRow(page, alan.userId).getByTestId("presence-chats").textContent()).toBe("2/5");

  // Time in state ticks on its own.
  const before = await boardRow(page, alan.userId).getByTestId("presence-time").textContent();
  await expect.poll(() => boardRow(page, alan.userId).getByTestId("presence-time").textContent(), { timeout: 4_000 }).not.toBe(before);
  await env.screenshot(page, "board-alan-away-lunch");
  expect(await samePage(page)).toBe(true);

  // Filters: status and team.
  await page.getByTestId("presence-status-filter").selectOption("away");
  await expect.poll(() => page.getByTestId("presence-row").count()).toBe(1);
  await page.getByTestId("presence-status-filter").selectOption("");
  await page.getByTestId("presence-team-filter").selectOption(tier2);
  await expect.poll(() => page.getByTestId("presence-row").count()).toBe(1);
  expect(await boardRow(page, bea.userId).count()).toBe(1);
  await env.screenshot(page, "board-filtered-tier-2");
});

it("wires the members table presence dot and last-active column live", async () => {
  const page = await env.pageAs(ws.token);
  await page.goto("/members");
  const dot = page.locator(`[data-testid="members-row"][data-user-id="${bea.userId}"] [data-testid="presence-dot"]`);
  await expect.poll(() => dot.getAttribute("data-status")).toBe("offline");
  await markPage(page);

  const dock = await openDock(bea);
  await dockSets(dock, { status: "available" });
  await expect.poll(() => dot.getAttribute("data-status")).toBe("available");
  const lastActive = page.locator(`[data-testid="members-row"][data-user-id="${bea.userId}"] [data-testid="members-last-active"]`);
  expect(await lastActive.textContent()).toBe("Online now");
  await env.screenshot(page, "members-live-dot");
  expect(await samePage(page)).toBe(true);
});

it("a supervisor sets their agent's status with a reason; the dock hears who did it; other teams are not on their board", async () => {
  const dock = docks[0]!;
  const page = await env.pageAs(sam.token);
  await page.goto("/presence");
  await boardRow(page, alan.userId).waitFor();
  expect(await boardRow(page, bea.userId).count()).toBe(0);
  expect(await page.getByTestId("presence-team").count()).toBe(1);
  // Only where the server would allow it: not on their own row, not on the admin's (above a supervisor's ceiling).
  expect(await boardRow(page, sam.userId).getByTestId("presence-set").count()).toBe(0);
  expect(await boardRow(page, ws.userId).getByTestId("presence-set").count()).toBe(0);

  await boardRow(page, alan.userId).getByTestId("presence-set").click();
  await page.getByTestId("set-status-away").click();
  await page.getByTestId("set-status-reason").selectOption("Training");
  await env.screenshot(page, "supervisor-set-status");
  const heard = nextEvent<{ awayReason?: string; cause?: unknown }>(dock, "presence:changed", (p) => p.awayReason === "Training");
  await page.getByTestId("confirm-ok").click();
  const change = await heard;
  expect(change.cause).toEqual({ by: { userId: sam.userId, name: "Sam Supervisor" } });
  await expect.poll(() => boardRow(page, alan.userId).getByTestId("presence-reason").textContent()).toBe("Training");
  expect(await boardRow(page, alan.userId).getByTestId("presence-cause").textContent()).toBe("set by Sam Supervisor");
  await env.screenshot(page, "supervisor-board-after-set");

  const audit = await env.api.get(`/api/workspaces/${ws.workspaceId}/audit`, { token: ws.token });
  expect(audit.body.items[0]).toMatchObject({ action: "presence.set", after: { status: "away", awayReason: "Training" } });
});
