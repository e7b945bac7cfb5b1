import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Page } from "playwright-core"
import { launchWithExtension, type ExtensionBrowser } from "@switchboard/server/test-support"
import { ARTIFACTS_DIR, requireExtensionBuild } from "./support/extension-build"
import { peerCredentials, startKamailio, type TestKamailio } from "@switchboard/server/test-support"
import { serveSipPeerPage, SipPeer } from "./support/sip-peer"
import type { StaticServer } from "@switchboard/server/test-support"

// The built extension in Debian Chromium: the dock UI configures the softphone,
// the service worker opens the offscreen document, and the JsSIP UA in it
// registers to Kamailio — proven by a second UA reaching it through Kamailio.
describe("dock softphone in the offscreen document", () => {
  let kamailio: TestKamailio
  let peers: StaticServer & { pageUrl: string }
  let browser: ExtensionBrowser
  let dock: Page

  const agentUri = () => `sip:agent@${kamailio.domain}`
  const sendRuntimeMessage = (page: Page, message: unknown) =>
    page.evaluate((m) => chrome.runtime.sendMessage(m), message)

  beforeAll(async () => {
    const extensionDir = requireExtensionBuild()
    await mkdir(ARTIFACTS_DIR, { recursive: true })
    kamailio = await startKamailio()
    peers = await serveSipPeerPage()
    browser = await launchWithExtension(extensionDir)
    dock = await browser.context.newPage()
    await dock.setViewportSize({ width: 360, height: 560 })
    await dock.goto(`chrome-extension://${browser.extensionId}/popup.html`)
    await dock.locator('[data-testid="dock"][data-synced="true"]').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
    await kamailio?.stop()
  })

  it("registers to Kamailio from the offscreen document and answers a call routed to it", async () => {
    const status = dock.getByTestId("softphone-status")
    await expect(status.getAttribute("data-registration")).resolves.toBe("stopped")
    await dock.screenshot({ path: join(ARTIFACTS_DIR, "dock-softphone-off.png") })

    // The advanced form (no server here to issue an account): an address with its credentials.
    await dock.getByText("Advanced: another SIP account").click()
    const credentials = peerCredentials(kamailio, "agent")
    await dock.getByLabel("WebSocket server").fill(kamailio.wsUrl)
    await dock.getByLabel("SIP address").fill(agentUri())
    await dock.getByLabel("Auth user").fill(credentials.authorizationUser)
    await dock.getByLabel("SIP password").fill(credentials.password)
    await dock.getByRole("button", { name: "Connect softphone" }).click()
    await dock.locator('[data-testid="softphone-status"][data-registration="registered"]').waitFor({ timeout: 30_000 })

    const offscreenDocuments = await dock.evaluate(async () =>
      (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] })).map(
        (context) => context.documentUrl
      )
    )
    expect(offscreenDocuments).toEqual([`chrome-extension://${browser.extensionId}/tabs/offscreen.html`])
    await dock.screenshot({ path: join(ARTIFACTS_DIR, "dock-softphone-registered.png") })

    // Only a binding Kamailio really holds lets this INVITE reach the dock.
    const peerPage = await browser.context.newPage()
    await peerPage.goto(peers.pageUrl)
    const customer = await SipPeer.start(peerPage, {
      wsUrl: kamailio.wsUrl,
      user: "customer",
      domain: kamailio.domain, ...peerCredentials(kamailio, "customer") })
    await customer.call(agentUri())
    const ringing = dock.locator('[data-testid="call"][data-direction="incoming"][data-status="ringing"]')
    await ringing.waitFor({ timeout: 30_000 }).catch(async (error) => {
      throw new Error(
        `no ringing call in the dock: ${await dock.getByTestId("dock").innerHTML()}\n` +
          `customer: ${JSON.stringify(await customer.events())}\n${kamailio.log().slice(-3000)}`,
        { cause: error }
      )
    })
    await expect(ringing.textContent()).resolves.toContain(`sip:customer@${kamailio.domain}`)
    await dock.screenshot({ path: join(ARTIFACTS_DIR, "dock-incoming-call.png") })

    await ringing.getByRole("button", { name: "Answer" }).click()
    await customer.waitForEvent("session#0:confirmed")
    await dock.locator('[data-testid="call"][data-status="confirmed"]').waitFor({ timeout: 30_000 })
    await customer.waitForEvent("session#0:ice:connected")
    await dock.screenshot({ path: join(ARTIFACTS_DIR, "dock-on-call.png") })

    await customer.hangUp()
    await dock.locator('[data-testid="history-call"][data-status="ended"]').waitFor({ timeout: 30_000 })
    await peerPage.close()
  })

  it("security: the offscreen document takes commands from the service worker only", async () => {
    const reply = await sendRuntimeMessage(dock, { target: "offscreen", type: "softphone:stop" })
    expect(reply).toMatchObject({ ok: false, error: { code: "FORBIDDEN_SENDER" } })
    await expect(dock.getByTestId("softphone-status").getAttribute("data-registration")).resolves.toBe("registered")
  })

  it("security: the background rejects a configure message with unknown fields", async () => {
    const reply = await sendRuntimeMessage(dock, {
      target: "background",
      type: "softphone:configure",
      config: { wsUrl: "ws://127.0.0.1:1", uri: "sip:mallory@127.0.0.1", extra: true },
    })
    expect(reply).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } })
    await expect(dock.getByTestId("softphone-status").textContent()).resolves.toContain(agentUri())
  })
})
