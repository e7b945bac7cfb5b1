import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { createQueue, launchBrowser, launchWithExtension, nextEvent, type ExtensionBrowser } from "@switchboard/server/test-support"
import { requireExtensionBuild } from "./support/extension-build"
import { goAvailable, offerCard, openDockIn, presenceIs, signInDock, startDockEnv, type Agent, type DockEnv } from "./support/dock-env"

// Issue 12, acceptance 1 (and the XSS part of 4): two agents' docks (two Chromium profiles with
// the built extension) and a visitor on the real widget page. The longest-idle agent lets the
// offer ring out and is paused away/missed (watchers see it); the other accepts; messages flow
// both ways in order; the agent closes, the visitor sees the end; wrap-up holds the next chat
// back for the queue's seconds, then it is offered.
const XSS = "<img src=x onerror=alert(1)>"
const OFFER_SECONDS = 5
const WRAP_UP_SECONDS = 4

let env: DockEnv
let secondBrowser: ExtensionBrowser
let ana: Agent
let bo: Agent
let anaDock: Page
let boDock: Page
let visitor: Page
let board: Page
let queueId: string
const dialogs: string[] = []

const widgetStatus = () => visitor.getByTestId("widget-status").textContent()

beforeAll(async () => {
  env = await startDockEnv("routing-chat")
  ana = await env.addAgent("Ana Agent")
  bo = await env.addAgent("Bo Agent")
  expect((await env.setMemberSettings(ana.userId, { autoPauseNoAnswer: true })).status).toBe(200)
  expect((await env.setMemberSettings(bo.userId, { autoPauseNoAnswer: true })).status).toBe(200)
  queueId = (
    await createQueue(env.server, env.ws.token, env.ws.workspaceId, {
      name: "Web chat",
      channel: "chat",
      teams: [env.ws.teamId],
      offerTimeoutSeconds: OFFER_SECONDS,
      wrapUpSeconds: WRAP_UP_SECONDS,
    })
  ).id
  secondBrowser = await launchWithExtension(requireExtensionBuild())
  anaDock = await env.openDock()
  await anaDock.setViewportSize({ width: 360, height: 720 })
  boDock = await openDockIn(secondBrowser)
  board = await env.openConsole("/queues")
  const visitorBrowser = await launchBrowser()
  const context = await visitorBrowser.newContext({ viewport: { width: 380, height: 620 } })
  visitor = await context.newPage()
  visitor.on("dialog", (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  visitor.on("close", () => void visitorBrowser.close())
}, 180_000)
afterAll(async () => {
  await visitor?.context().browser()?.close()
  await secondBrowser?.close()
  await env?.close()
})

it("both agents sign in; Ana has been available longest", async () => {
  await signInDock(anaDock, env.server.url, ana)
  await goAvailable(anaDock)
  // Idle time counts from becoming available: Ana first, Bo a moment later.
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  await signInDock(boDock, env.server.url, bo)
  await goAvailable(boDock)
  const card = board.locator(`[data-testid="queue-card"][data-queue-id="${queueId}"]`)
  await card.getByTestId("queue-available").filter({ hasText: "2" }).waitFor({ timeout: 10_000 })
})

it("the visitor writes; the longest-idle agent gets the offer, lets it ring out and is paused away/missed for watchers", async () => {
  const watcher = await env.watch()
  const missed = nextEvent(
    watcher,
    "presence:changed",
    (p: { userId: string; status: string; awayReason?: string }) => p.userId === ana.userId && p.status === "away" && p.awayReason === "missed",
    (OFFER_SECONDS + 10) * 1000
  )
  await visitor.goto(`${env.server.url}/chat/${env.ws.workspaceId}/${queueId}`)
  await visitor.getByTestId("widget-name").fill("Vera Visitor")
  await visitor.getByTestId("widget-first-message").fill(XSS)
  await visitor.getByTestId("widget-start-chat").click()
  await env.screenshot(visitor, "widget-queued")

  await offerCard(anaDock).waitFor({ timeout: 10_000 })
  await expect(offerCard(anaDock).getByTestId("offer-customer").textContent()).resolves.toBe("Vera Visitor")
  // The customer's first message (markup) is shown as text on the card.
  await expect(offerCard(anaDock).getByTestId("offer-preview").textContent()).resolves.toBe(XSS)
  await expect(offerCard(anaDock).locator("img").count()).resolves.toBe(0)
  await expect(offerCard(anaDock).textContent()).resolves.toContain("Web chat")
  await env.screenshot(anaDock, "offer")
  await expect(offerCard(boDock).count()).resolves.toBe(0)

  await missed
  await presenceIs(anaDock, "away").waitFor({ timeout: 5_000 })
  await offerCard(anaDock).waitFor({ state: "detached", timeout: 5_000 })
})

it("the other agent gets it, accepts, and messages flow both ways in order, as text", async () => {
  await offerCard(boDock).waitFor({ timeout: 10_000 })
  await offerCard(boDock).getByTestId("offer-accept").click()
  const conversation = boDock.getByTestId("conversation")
  await conversation.waitFor()
  await expect.poll(widgetStatus).toBe("You are chatting with Bo.")
  await expect(boDock.getByTestId("chats-count").textContent()).resolves.toBe("1 / 3")

  await visitor.getByTestId("widget-input").fill("Are you there?")
  await visitor.getByTestId("widget-send").click()
  await conversation.getByTestId("conversation-message").filter({ hasText: "Are you there?" }).waitFor()
  await conversation.getByTestId("conversation-input").fill("Hello Vera, <b>yes</b>")
  await conversation.getByTestId("conversation-send").click()
  await conversation.getByTestId("conversation-input").fill("How can I help?")
  await conversation.getByTestId("conversation-input").press("Enter")
  await visitor.getByTestId("widget-message").filter({ hasText: "How can I help?" }).waitFor()

  const inDock = await conversation.getByTestId("conversation-message").allTextContents()
  expect(inDock).toEqual([XSS, "Are you there?", "Hello Vera, <b>yes</b>", "How can I help?"])
  const inWidget = await visitor.getByTestId("widget-message").locator(".widget-text").allTextContents()
  expect(inWidget).toEqual([XSS, "Are you there?", "Hello Vera, <b>yes</b>", "How can I help?"])
  await expect(conversation.locator("img, b").count()).resolves.toBe(0)
  await expect(visitor.getByTestId("widget-messages").locator("img, b").count()).resolves.toBe(0)
  await env.screenshot(boDock, "conversation")
  await env.screenshot(visitor, "widget-conversation")
})

it("the agent closes: the visitor sees the end, the agent wraps up for the queue's seconds, then is offered again", async () => {
  const closedAt = Date.now()
  await boDock.getByTestId("conversation-close").click()
  await expect.poll(widgetStatus).toBe("The agent ended the chat.")
  await boDock.getByTestId("wrap-up").waitFor()
  await boDock.getByTestId("conversation").waitFor({ state: "detached" })
  await env.screenshot(boDock, "wrap-up")
  await env.screenshot(visitor, "widget-ended")
  const card = board.locator(`[data-testid="queue-card"][data-queue-id="${queueId}"]`)
  await card.getByTestId("queue-wrapup").filter({ hasText: "1" }).waitFor({ timeout: 5_000 })

  // A second visitor writes during wrap-up: nobody takes offers (Ana is away/missed, Bo wraps up).
  await visitor.getByTestId("widget-new-chat").click()
  await visitor.getByTestId("widget-first-message").fill("Second question")
  await visitor.getByTestId("widget-start-chat").click()
  await card.getByTestId("queue-waiting").filter({ hasText: "1" }).waitFor({ timeout: 5_000 })
  await env.screenshot(board, "queue-board")

  await offerCard(boDock).waitFor({ timeout: (WRAP_UP_SECONDS + 5) * 1000 })
  const offeredAfter = Date.now() - closedAt
  expect(offeredAfter).toBeGreaterThanOrEqual((WRAP_UP_SECONDS - 0.5) * 1000)
  await boDock.getByTestId("wrap-up").waitFor({ state: "detached" })
  await offerCard(boDock).getByTestId("offer-decline").click()
  await offerCard(boDock).waitFor({ state: "detached" })
  expect(dialogs).toEqual([])
})
