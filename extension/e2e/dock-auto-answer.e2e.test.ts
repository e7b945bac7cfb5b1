import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { nextEvent } from "@switchboard/server/test-support"
import { peerCredentials, startKamailio, type TestKamailio } from "@switchboard/server/test-support"
import { serveSipPeerPage, SipPeer } from "./support/sip-peer"
import type { StaticServer } from "@switchboard/server/test-support"
import { signInDock, startDockEnv, type Agent, type DockEnv } from "./support/dock-env"

// Issue 6, acceptance 2: the softphone registers to the SIP server the settings name, auto
// answer picks up after the configured seconds, and with auto pause a call that rings out
// sets the agent away/missed for watchers.
let env: DockEnv
let kamailio: TestKamailio
let peers: StaticServer & { pageUrl: string }
let agent: Agent
let dock: Page
let customer: SipPeer

const putSettings = (overrides: Record<string, unknown>) => env.setMemberSettings(agent.userId, overrides)
const dockSettings = () =>
  dock.evaluate(async () => {
    const reply = await chrome.runtime.sendMessage({ target: "background", type: "dock:get-state" })
    return reply.data.session.settings as { autoAnswerSeconds: number | null; autoPauseNoAnswer: boolean } | null
  })

beforeAll(async () => {
  kamailio = await startKamailio()
  env = await startDockEnv("auto-answer", { kamailio })
  peers = await serveSipPeerPage()
  agent = await env.addAgent("Ada Auto")
  const sip = { phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl }
  expect((await putSettings({ ...sip, autoAnswerSeconds: 3 })).status).toBe(200)
  dock = await env.openDock()
  const peerPage = await env.browser.context.newPage()
  await peerPage.goto(peers.pageUrl)
  customer = await SipPeer.start(peerPage, { wsUrl: kamailio.wsUrl, user: "customer", domain: kamailio.domain, ...peerCredentials(kamailio, "customer") })
})
afterAll(async () => {
  await env?.close()
  await peers?.close()
  await kamailio?.stop()
})

it("registers from the settings and auto-answers after about 3 s, both sides confirmed", async () => {
  await signInDock(dock, env.server.url, agent)
  const registered = dock.locator('[data-testid="softphone-status"][data-registration="registered"]')
  await registered.waitFor({ timeout: 30_000 })
  await expect(registered.textContent()).resolves.toContain(`sip:${agent.userId}@${kamailio.domain}`)

  await customer.call(`sip:${agent.userId}@${kamailio.domain}`)
  await dock.locator('[data-testid="call"][data-status="ringing"]').waitFor({ timeout: 30_000 })
  const ringingAt = Date.now()
  await env.screenshot(dock, "ringing-before-auto-answer")
  await customer.waitForEvent("session#0:confirmed", 15_000)
  const answeredAfter = Date.now() - ringingAt
  expect(answeredAfter).toBeGreaterThanOrEqual(2_500)
  expect(answeredAfter).toBeLessThan(6_000)
  await dock.locator('[data-testid="call"][data-status="confirmed"]').waitFor({ timeout: 10_000 })
  await env.screenshot(dock, "auto-answered")
  await customer.hangUp()
  await dock.locator('[data-testid="call"]').waitFor({ state: "detached", timeout: 30_000 })
})

it("with auto answer off and auto pause on, a call that rings out sets the agent away/missed for watchers", async () => {
  const sip = { phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl }
  expect((await putSettings({ ...sip, autoAnswerSeconds: null, autoPauseNoAnswer: true })).status).toBe(200)
  await expect.poll(dockSettings, { timeout: 1_000 }).toMatchObject({ autoAnswerSeconds: null, autoPauseNoAnswer: true })
  const watcher = await env.watch()
  const missed = nextEvent(
    watcher,
    "presence:changed",
    (p: { userId: string; status: string; awayReason?: string }) =>
      p.userId === agent.userId && p.status === "away" && p.awayReason === "missed",
    15_000
  )

  await customer.call(`sip:${agent.userId}@${kamailio.domain}`)
  await dock.locator('[data-testid="call"][data-status="ringing"]').waitFor({ timeout: 30_000 })
  // Longer than any auto answer would wait; then the caller's side gives up, as a queue's offer timeout does.
  await new Promise((resolve) => setTimeout(resolve, 3_500))
  expect(await customer.events()).not.toContain("session#1:confirmed")
  await customer.hangUp()

  expect(await missed).toMatchObject({ cause: "missed" })
  await dock.locator('[data-testid="presence"][data-status="away"][data-away-reason="missed"]').waitFor({ timeout: 5_000 })
  await env.screenshot(dock, "missed-away")
})

it("only the browser endpoint rings the dock: endpoint sip stops the softphone within a second, browser brings it back", async () => {
  const sip = { phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl }
  expect((await putSettings({ ...sip, phoneEndpoints: "sip" })).status).toBe(200)
  await dock.locator('[data-testid="softphone-status"][data-registration="stopped"]').waitFor({ timeout: 1_000 })
  await env.screenshot(dock, "endpoint-sip")

  expect((await putSettings({ ...sip, phoneEndpoints: "browser" })).status).toBe(200)
  await dock.locator('[data-testid="softphone-status"][data-registration="registered"]').waitFor({ timeout: 10_000 })
})
