import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Browser } from "playwright-core"
import { launchBrowser } from "@switchboard/server/test-support"
import { peerCredentials, startKamailio, type TestKamailio } from "@switchboard/server/test-support"
import { serveSipPeerPage, SipPeer } from "./support/sip-peer"
import type { StaticServer } from "@switchboard/server/test-support"

// De-risks the dock's softphone: JsSIP in Debian Chromium, registered over
// plain ws to the repo's Kamailio config, places and answers a real call.
describe("JsSIP through the test Kamailio", () => {
  let kamailio: TestKamailio
  let server: StaticServer & { pageUrl: string }
  let browser: Browser

  beforeAll(async () => {
    kamailio = await startKamailio()
    server = await serveSipPeerPage()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await kamailio?.stop()
  })

  it("registers two browser UAs and connects a call between them", async () => {
    const context = await browser.newContext()
    try {
      const callerPage = await context.newPage()
      const calleePage = await context.newPage()
      await callerPage.goto(server.pageUrl)
      await calleePage.goto(server.pageUrl)
      const domain = kamailio.domain
      const alice = await SipPeer.start(callerPage, { wsUrl: kamailio.wsUrl, user: "alice", domain, ...peerCredentials(kamailio, "alice") })
      const bob = await SipPeer.start(calleePage, { wsUrl: kamailio.wsUrl, user: "bob", domain, ...peerCredentials(kamailio, "bob") })
      expect(await alice.events()).toContain("ua:registered")
      expect(await bob.events()).toContain("ua:registered")

      await alice.call(`sip:bob@${domain}`)
      await bob.waitForEvent("session#0:incoming")
      expect(await calleePage.evaluate(() => window.sipPeers.remoteIdentity("bob"))).toBe(
        `sip:alice@${domain}`
      )
      await bob.answer()

      await alice.waitForEvent("session#0:confirmed")
      await bob.waitForEvent("session#0:confirmed")
      // Media really flows peer to peer over loopback, not just the signalling.
      await alice.waitForEvent("session#0:ice:connected")

      await alice.hangUp()
      await bob.waitForEvent("session#0:ended:Terminated")
    } catch (error) {
      throw new Error(`${String(error)}\n--- kamailio log ---\n${kamailio.log().slice(-4000)}`, {
        cause: error,
      })
    } finally {
      await context.close()
    }
  })

  it("refuses a call to a user who is not registered", async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(server.pageUrl)
      const carol = await SipPeer.start(page, { wsUrl: kamailio.wsUrl, user: "carol", domain: kamailio.domain, ...peerCredentials(kamailio, "carol") })
      await carol.call(`sip:nobody@${kamailio.domain}`)
      await carol.waitForEvent("session#0:failed:Unavailable")
      expect(await carol.events()).not.toContain("session#0:confirmed")
    } finally {
      await context.close()
    }
  })
})
