import { chromium, type Browser, type CDPSession } from "playwright-core"
import type { ExtensionBrowser } from "@switchboard/server/test-support"

/**
 * Everything the dock's JsSIP (in the extension's offscreen document) receives over its
 * WebSocket, read through DevTools' Network domain — what the agent would see in the devtools
 * of that document. A second CDP client (the browser's DevTools port) attaches to the
 * offscreen target, which Playwright itself does not expose as a page.
 */
export interface SipCapture {
  /** Raw SIP messages received so far. */
  received(): string[]
  invites(): string[]
  close(): Promise<void>
}

export async function captureOffscreenSip(browser: ExtensionBrowser): Promise<SipCapture> {
  if (!browser.cdpEndpoint) throw new Error("launch the extension browser with devtools: true")
  const cdp: Browser = await chromium.connectOverCDP(browser.cdpEndpoint)
  const session: CDPSession = await cdp.newBrowserCDPSession()
  const { targetInfos } = await session.send("Target.getTargets")
  const target = targetInfos.find((info) => info.url.startsWith(`chrome-extension://${browser.extensionId}/`) && info.url.includes("offscreen"))
  if (!target) throw new Error(`no offscreen document among ${targetInfos.map((t) => t.url).join(", ")}`)
  const { sessionId } = await session.send("Target.attachToTarget", { targetId: target.targetId, flatten: false })
  const frames: string[] = []
  session.on("Target.receivedMessageFromTarget", (event) => {
    if (event.sessionId !== sessionId) return
    const message = JSON.parse(event.message) as { method?: string; params?: { response?: { payloadData?: string } } }
    if (message.method === "Network.webSocketFrameReceived" && message.params?.response?.payloadData) frames.push(message.params.response.payloadData)
  })
  await session.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: 1, method: "Network.enable" }) })
  return {
    received: () => [...frames],
    invites: () => frames.filter((frame) => frame.startsWith("INVITE ")),
    close: async () => {
      await session.detach().catch(() => {})
    },
  }
}
