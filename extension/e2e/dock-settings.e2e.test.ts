import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { peerCredentials, startKamailio, type TestKamailio } from "@switchboard/server/test-support"
import { serveSipPeerPage, SipPeer } from "./support/sip-peer"
import type { StaticServer } from "@switchboard/server/test-support"
import { signInDock, startDockEnv, type Agent, type DockEnv } from "./support/dock-env"

// Issue 6, acceptance 3: the agent's settings change the open dock live (no reload), and a
// masked dock never holds the caller's real number — not in its DOM, not in any message it receives.
let env: DockEnv
let kamailio: TestKamailio
let peers: StaticServer & { pageUrl: string }
let agent: Agent
let dock: Page

const CALLER = "15551234567"

const visible = (testId: string) => dock.getByTestId(testId).count().then((n) => n > 0)

beforeAll(async () => {
  kamailio = await startKamailio()
  env = await startDockEnv("settings", { kamailio })
  peers = await serveSipPeerPage()
  agent = await env.addAgent("Mia Masked")
  dock = await env.openDock()
  // Everything the runtime delivers to this dock page, addressed to it or not.
  await dock.evaluate(() => {
    const w = window as unknown as { __received: string[]; __sameDocument: boolean }
    w.__received = []
    w.__sameDocument = true
    chrome.runtime.onMessage.addListener((message) => {
      w.__received.push(JSON.stringify(message))
    })
  })
})
afterAll(async () => {
  await env?.close()
  await peers?.close()
  await kamailio?.stop()
})

it("shows the dial pad and history by default, then hides them within a second of a settings change", async () => {
  await signInDock(dock, env.server.url, agent)
  await dock.locator('[data-testid="dock"][data-settings="loaded"][data-click-to-call="true"]').waitFor()
  expect(await visible("dial-pad")).toBe(true)
  expect(await visible("call-history")).toBe(true)
  await env.screenshot(dock, "defaults")

  // The admin changes them in the console's member settings editor (a second browser).
  const editor = await env.openConsole("/members")
  await editor.locator(`[data-testid="members-row"][data-user-id="${agent.userId}"]`).getByTestId("member-settings-open").click()
  await editor.getByTestId("dock-override-switch").check()
  for (const [field, on] of [
    ["blockManualDialing", true],
    ["hideCallHistory", true],
    ["maskPhoneNumber", true],
    ["clickToCall", false],
  ] as const) {
    await editor.getByTestId(`setting-${field}-override`).check()
    await editor.getByTestId(`setting-${field}-input`).setChecked(on)
  }
  await env.screenshot(editor, "console-member-settings")
  await editor.getByTestId("settings-save").click()
  await editor.getByTestId("settings-saved").waitFor()
  await dock.locator('[data-testid="dock"][data-click-to-call="false"]').waitFor({ timeout: 1_000 })
  await dock.getByTestId("dial-pad").waitFor({ state: "detached", timeout: 1_000 })
  await dock.getByTestId("call-history").waitFor({ state: "detached", timeout: 1_000 })
  expect(await dock.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true)
  await env.screenshot(dock, "blocked-hidden-masked")

  // Hiding the pad is not the only guard: the background refuses a manual dial.
  const reply = await dock.evaluate(() =>
    chrome.runtime.sendMessage({ target: "background", type: "softphone:dial", to: "+15550100" })
  )
  expect(reply).toMatchObject({ ok: false, error: { code: "BLOCKED" } })
})

it("security: a masked dock never receives the caller's real number", async () => {
  // No typed server or address: the dock registers with the account GET /api/me/sip issues.
  await dock.locator('[data-testid="softphone-status"][data-registration="registered"]').waitFor({ timeout: 30_000 })

  const peerPage = await env.browser.context.newPage()
  await peerPage.goto(peers.pageUrl)
  const customer = await SipPeer.start(peerPage, {
    wsUrl: kamailio.wsUrl,
    user: CALLER,
    domain: kamailio.domain,
    displayName: `+${CALLER}`,
    ...peerCredentials(kamailio, CALLER),
  })
  await customer.call(`sip:${agent.userId}@${kamailio.domain}`)
  const ringing = dock.locator('[data-testid="call"][data-status="ringing"]')
  await ringing.waitFor({ timeout: 30_000 })
  await expect(ringing.textContent()).resolves.toContain("•67")
  await env.screenshot(dock, "masked-incoming")
  await ringing.getByRole("button", { name: "Answer" }).click()
  await customer.waitForEvent("session#0:confirmed")
  await dock.locator('[data-testid="call"][data-status="confirmed"]').waitFor({ timeout: 30_000 })
  await customer.hangUp()
  await dock.locator('[data-testid="call"]').waitFor({ state: "detached", timeout: 30_000 })

  const html = await dock.content()
  const received = await dock.evaluate(() => (window as unknown as { __received: string[] }).__received)
  expect(received.some((message) => message.includes("dock:state-changed"))).toBe(true)
  for (const haystack of [html, ...received]) {
    expect(haystack).not.toContain(CALLER)
    expect(haystack).not.toContain(CALLER.slice(1))
  }
  await peerPage.close()
})

it("brings the dial pad and history back live when the member's dock settings are inherited again", async () => {
  expect((await env.setMemberSettings(agent.userId, {}, { overrideDockSettings: false })).status).toBe(200)
  await dock.getByTestId("dial-pad").waitFor({ timeout: 1_000 })
  await dock.getByTestId("call-history").waitFor({ timeout: 1_000 })
  await dock.locator('[data-testid="dock"][data-click-to-call="true"]').waitFor({ timeout: 1_000 })
  expect(await dock.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true)
  await env.screenshot(dock, "defaults-again")
})

it("stops even a hand-configured softphone when calls ring elsewhere (endpoint external)", async () => {
  await expect(dock.getByTestId("softphone-status").getAttribute("data-registration")).resolves.toBe("registered")
  expect((await env.setMemberSettings(agent.userId, { phoneEndpoints: "external" })).status).toBe(200)
  await dock.locator('[data-testid="softphone-status"][data-registration="stopped"]').waitFor({ timeout: 1_000 })
})
