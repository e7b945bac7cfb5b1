import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addAgent, nextEvent, nextOffer, request, setStatus, setUpWorkspace, type TestAgent } from "@switchboard/server/test-support";
import { serveStatic } from "@switchboard/server/test-support";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 12 in the console and the widget: an admin creates a chat queue on the Queues page and
 * gets its widget link and snippet; a visitor chats through the real widget page with an agent
 * (a /dock socket here; the dock's own UI is extension/e2e/routing-chat); the queue board follows;
 * the transcript shows markup as text (acceptance 4) in the widget and the console.
 */
const XSS = "<img src=x onerror=alert(1)>";

let env: ConsoleEnv;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let ana: TestAgent;
let consolePage: Page;
let visitor: Page;
let widgetLink: string;
let queueId: string;
let interactionId: string;
const dialogs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  env = await startConsoleEnv("chat-widget");
  ws = await setUpWorkspace(env.api);
  // Away to begin with, so the board can show a waiting chat before anyone takes it.
  ana = await addAgent(env, ws.workspaceId, { name: "Ana Agent", teams: [ws.teamId], available: false });
  await setStatus(ana.dock, "away");
  const context = await env.newContext();
  await context.addCookies([{ name: "sb_session", value: ws.token, url: env.url }]);
  consolePage = await context.newPage();
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  ana?.dock.close();
  await env?.close();
});

const card = (page: Page) => page.locator(`[data-testid="queue-card"][data-queue-id="${queueId}"]`);
const figure = (page: Page, name: string) => card(page).getByTestId(name);

it("an admin creates a chat queue on the Queues page and gets its widget link and embed snippet", async () => {
  await consolePage.goto("/");
  await consolePage.getByTestId("nav-queues").click();
  await consolePage.getByTestId("queues-empty").waitFor();
  await consolePage.getByTestId("queue-new").click();
  // The shared schema speaks before the server does: a wrap-up over 600 s is refused on its field.
  await consolePage.getByTestId("queue-name").fill("Web chat");
  await consolePage.getByTestId(`queue-teams-${ws.teamId}`).check();
  await consolePage.getByTestId("queue-wrap-up").fill("601");
  await consolePage.getByTestId("queue-submit").click();
  await expect(consolePage.getByTestId("queue-wrap-up-error").textContent()).resolves.toMatch(/600/);
  await consolePage.getByTestId("queue-wrap-up").fill("3");
  await consolePage.getByTestId("queue-offer-timeout").fill("30");
  await consolePage.getByTestId("queue-submit").click();

  const embed = consolePage.getByTestId("queue-embed-dialog");
  await embed.waitFor();
  widgetLink = (await consolePage.getByTestId("queue-widget-link").textContent()) ?? "";
  const snippet = (await consolePage.getByTestId("queue-embed-snippet").textContent()) ?? "";
  const queues = await env.api.get(`/api/workspaces/${ws.workspaceId}/queues`, { token: ws.token });
  queueId = queues.body.items[0].id;
  expect(widgetLink).toBe(`${env.url}/chat/${ws.workspaceId}/${queueId}`);
  expect(snippet).toBe(`<script src="${env.url}/chat/embed.js" data-workspace="${ws.workspaceId}" data-queue="${queueId}" async></script>`);
  await env.screenshot(consolePage, "queue-embed-dialog");
  await consolePage.getByTestId("queue-embed-close").click();
  const row = consolePage.locator(`[data-testid="queues-row"][data-queue-id="${queueId}"]`);
  await expect(row.textContent()).resolves.toContain("3s");
  await figure(consolePage, "queue-away").filter({ hasText: "1" }).waitFor();
});

it("the snippet on a business's page adds a button that opens the widget in an iframe", async () => {
  const page = await (await env.newContext()).newPage();
  // The business's site: another origin on loopback (a page from a public address may not load
  // a loopback script under Chrome's local-network rules, which is the test's setup, not production's).
  const shop = await serveStatic({
    "/": {
      contentType: "text/html",
      body: `<html><body><h1>Shop</h1><script src="${env.url}/chat/embed.js" data-workspace="${ws.workspaceId}" data-queue="${queueId}" async></script></body></html>`,
    },
  });
  cleanups.push(() => shop.close());
  const shopUrl = `${shop.origin}/`;
  await page.goto(shopUrl);
  await page.locator("[data-switchboard-chat-button]").click();
  const frame = page.frameLocator("iframe[data-switchboard-chat]");
  await frame.getByTestId("widget-start").waitFor();
  await env.screenshot(page, "embedded-widget");
  await page.context().close();
});

it("a visitor's first message starts the chat; the board shows it waiting, then the agent taking it", async () => {
  visitor = await (await env.newContext()).newPage();
  visitor.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await visitor.setViewportSize({ width: 380, height: 600 });
  await visitor.goto(widgetLink);
  await visitor.getByTestId("widget-start").waitFor();
  await env.screenshot(visitor, "widget-start");
  await visitor.getByTestId("widget-name").fill("Vera Visitor");
  await visitor.getByTestId("widget-first-message").fill("Hello, my order is late");
  await visitor.getByTestId("widget-start-chat").click();
  await expect.poll(() => visitor.getByTestId("widget-status").textContent()).toBe("You are number 1 in the queue.");
  await env.screenshot(visitor, "widget-queued");

  await figure(consolePage, "queue-waiting").filter({ hasText: "1" }).waitFor({ timeout: 5_000 });
  await env.screenshot(consolePage, "queue-board-waiting");

  const offer = nextOffer(ana.dock, 10_000);
  await setStatus(ana.dock, "available");
  const { offerId, interactionId: id } = await offer;
  interactionId = id;
  const accepted = await request(ana.dock, "offer:accept", { offerId });
  expect(accepted.ok).toBe(true);
  await expect.poll(() => visitor.getByTestId("widget-status").textContent()).toBe("You are chatting with Ana.");
  await visitor.getByTestId("widget-notice").filter({ hasText: "Ana joined the chat" }).waitFor();
  await figure(consolePage, "queue-busy").filter({ hasText: "1" }).waitFor({ timeout: 5_000 });
  await expect(figure(consolePage, "queue-waiting").textContent()).resolves.toBe("0");
  await env.screenshot(consolePage, "queue-board-busy");
});

it("messages flow both ways in order, typing shows, and markup is shown as text in the widget", async () => {
  const toAgent = nextEvent(ana.dock, "chat:message", (p: { message: { from: string; text: string } }) => p.message.from === "visitor", 5_000);
  await visitor.getByTestId("widget-input").fill("Order 1234 <b>please</b>");
  await visitor.getByTestId("widget-send").click();
  expect((await toAgent).message.text).toBe("Order 1234 <b>please</b>");

  await request(ana.dock, "chat:typing", { interactionId, typing: true });
  await visitor.getByTestId("widget-typing").waitFor();
  expect((await request(ana.dock, "chat:send", { interactionId, text: XSS })).ok).toBe(true);
  expect((await request(ana.dock, "chat:send", { interactionId, text: "It ships today." })).ok).toBe(true);

  const bubbles = visitor.getByTestId("widget-message");
  await bubbles.filter({ hasText: "It ships today." }).waitFor();
  await expect(bubbles.locator(".widget-text").allTextContents()).resolves.toEqual([
    "Hello, my order is late",
    "Order 1234 <b>please</b>",
    XSS,
    "It ships today.",
  ]);
  await expect(visitor.getByTestId("widget-messages").locator("img, b").count()).resolves.toBe(0);
  await env.screenshot(visitor, "widget-conversation");
});

it("a reload continues the same chat with its transcript (the visitor token in localStorage)", async () => {
  await visitor.reload();
  await expect.poll(() => visitor.getByTestId("widget-status").textContent(), { timeout: 10_000 }).toBe("You are chatting with Ana.");
  await expect(visitor.getByTestId("widget-message").locator(".widget-text").allTextContents()).resolves.toEqual([
    "Hello, my order is late",
    "Order 1234 <b>please</b>",
    XSS,
    "It ships today.",
  ]);
  const toAgent = nextEvent(ana.dock, "chat:message", (p: { message: { text: string } }) => p.message.text === "Still there?", 5_000);
  await visitor.getByTestId("widget-input").fill("Still there?");
  await visitor.getByTestId("widget-input").press("Enter");
  await toAgent;
});

it("the agent closing the chat ends it in the widget, and the board shows the agent in wrap-up", async () => {
  expect((await request(ana.dock, "interaction:close", { interactionId })).ok).toBe(true);
  await expect.poll(() => visitor.getByTestId("widget-status").textContent()).toBe("The agent ended the chat.");
  await visitor.getByTestId("widget-new-chat").waitFor();
  await expect(visitor.getByTestId("widget-input").count()).resolves.toBe(0);
  await env.screenshot(visitor, "widget-ended");
  await figure(consolePage, "queue-wrapup").filter({ hasText: "1" }).waitFor({ timeout: 5_000 });
  await env.screenshot(consolePage, "queue-board-wrap-up");
  // Wrap-up is the queue's 3 s.
  await figure(consolePage, "queue-available").filter({ hasText: "1" }).waitFor({ timeout: 8_000 });
});

it("the interactions page lists the chat and its transcript shows markup as text", async () => {
  await consolePage.getByTestId("nav-interactions").click();
  const row = consolePage.locator(`[data-testid="interactions-row"][data-interaction-id="${interactionId}"]`);
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain("Vera Visitor");
  await consolePage.getByTestId("filter-state").selectOption("abandoned");
  await consolePage.getByTestId("interactions-empty").waitFor();
  await consolePage.getByTestId("filter-clear").click();
  await row.getByTestId("interaction-open").click();
  const texts = consolePage.getByTestId("transcript-text");
  await texts.first().waitFor();
  await expect(texts.allTextContents()).resolves.toEqual(expect.arrayContaining(["Hello, my order is late", XSS, "It ships today.", "Still there?"]));
  await expect(consolePage.getByTestId("transcript").locator("img, b").count()).resolves.toBe(0);
  await expect(consolePage.getByTestId("interaction-offers").textContent()).resolves.toContain("Accepted");
  await env.screenshot(consolePage, "transcript");
  expect(dialogs).toEqual([]);
  // The widget page (framed by other origins) and the console run under their CSPs without a violation.
  expect(env.cspViolations).toEqual([]);
});
