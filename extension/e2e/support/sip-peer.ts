import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import type { Page } from "playwright-core"
import type { PeerOptions } from "../pages/sip-peer.page"
import { serveStatic, type StaticServer } from "@switchboard/server/test-support"

const PAGE_ENTRY = fileURLToPath(new URL("../pages/sip-peer.page.ts", import.meta.url))

/** Bundles JsSIP and the peer page script with esbuild, as one IIFE. */
export async function bundleSipPeerScript(): Promise<string> {
  const result = await build({
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    write: false,
    logLevel: "silent",
  })
  const file = result.outputFiles[0]
  if (!file) throw new Error("esbuild produced no output for the SIP peer page")
  return file.text
}

/** A loopback web server with `/sip-peer.html`, the page that hosts test SIP peers. */
export async function serveSipPeerPage(): Promise<StaticServer & { pageUrl: string }> {
  const script = await bundleSipPeerScript()
  const server = await serveStatic({
    "/sip-peer.html": {
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><meta charset="utf-8"><title>SIP peer</title><script src="/sip-peer.js"></script>`,
    },
    "/sip-peer.js": { contentType: "text/javascript; charset=utf-8", body: script },
  })
  return { ...server, pageUrl: `${server.origin}/sip-peer.html` }
}

/** Node-side handle on one JsSIP UA living in a page served by serveSipPeerPage(). */
export class SipPeer {
  constructor(
    readonly page: Page,
    readonly user: string
  ) {}

  static async start(page: Page, options: PeerOptions): Promise<SipPeer> {
    await page.evaluate((opts) => window.sipPeers.start(opts), options)
    return new SipPeer(page, options.user)
  }

  call(target: string): Promise<number> {
    return this.page.evaluate(([user, to]) => window.sipPeers.call(user, to), [this.user, target] as const)
  }

  answer(): Promise<void> {
    return this.page.evaluate((user) => window.sipPeers.answer(user), this.user)
  }

  hangUp(): Promise<void> {
    return this.page.evaluate((user) => window.sipPeers.hangUp(user), this.user)
  }

  events(): Promise<string[]> {
    return this.page.evaluate((user) => window.sipPeers.events(user), this.user)
  }

  /** Resolves once `event` (e.g. `session#0:confirmed`) was logged; rejects with the log on timeout. */
  async waitForEvent(event: string, timeoutMs = 30_000): Promise<void> {
    try {
      await this.page.waitForFunction(
        ([user, name]) => window.sipPeers.events(user).includes(name),
        [this.user, event] as const,
        { timeout: timeoutMs, polling: 100 }
      )
    } catch (error) {
      throw new Error(
        `${this.user} never logged ${event}; events: ${JSON.stringify(await this.events())}`,
        { cause: error }
      )
    }
  }

  /** The raw INVITEs of this UA's incoming sessions. */
  invites(): Promise<string[]> {
    return this.page.evaluate((user) => window.sipPeers.invites(user), this.user)
  }

  /** Every SIP message any UA of this page received, raw. */
  received(): Promise<string[]> {
    return this.page.evaluate(() => window.sipPeers.received())
  }

  stop(): Promise<void> {
    return this.page.evaluate((user) => window.sipPeers.stop(user), this.user)
  }
}
