/** Which extension context a runtime message came from; `null` = not ours. */
export const SenderKind = Object.freeze({
  serviceWorker: "service-worker",
  offscreen: "offscreen",
  extensionPage: "extension-page",
  contentScript: "content-script",
} as const)
export type SenderKind = (typeof SenderKind)[keyof typeof SenderKind]

export interface ExtensionIdentity {
  id: string
  /** `chrome-extension://<id>/` */
  baseUrl: string
  serviceWorkerUrl: string
  offscreenUrl: string
}

export interface SenderInfo {
  id?: string
  url?: string
  tab?: { id?: number; active?: boolean }
  /** 0 for a tab's top frame. */
  frameId?: number
}

export const OFFSCREEN_PATH = "tabs/offscreen.html"

/** Where Plasmo puts the background service worker (src/background/index.ts). */
export const SERVICE_WORKER_PATH = "static/background/index.js"

export function currentExtensionIdentity(): ExtensionIdentity {
  // Offscreen documents get only part of chrome.runtime (no getManifest), so
  // the worker path is the build's known output path, checked against the
  // manifest wherever the manifest is readable.
  const background =
    typeof chrome.runtime.getManifest === "function" ? chrome.runtime.getManifest().background : undefined
  const worker = background && "service_worker" in background ? background.service_worker : SERVICE_WORKER_PATH
  if (worker !== SERVICE_WORKER_PATH) {
    throw new Error(`service worker moved to ${worker}; update SERVICE_WORKER_PATH`)
  }
  return {
    id: chrome.runtime.id,
    baseUrl: chrome.runtime.getURL(""),
    serviceWorkerUrl: chrome.runtime.getURL(worker),
    offscreenUrl: chrome.runtime.getURL(OFFSCREEN_PATH),
  }
}

function withoutQueryOrHash(url: string): string {
  return url.replace(/[?#].*$/, "")
}

/**
 * Classifies the sender from what Chrome itself fills in (never from the
 * message body). Messages from other extensions or web pages (`sender.id`
 * differs, or is missing) are refused outright.
 */
export function classifySender(sender: SenderInfo, self: ExtensionIdentity): SenderKind | null {
  if (!sender.id || sender.id !== self.id || !sender.url) return null
  const url = withoutQueryOrHash(sender.url)
  const isExtensionUrl = url.startsWith(self.baseUrl)
  if (sender.tab) {
    // Our id plus a tab: either a content script (page URL) or one of our own
    // pages opened in a tab (chrome-extension:// URL).
    return isExtensionUrl ? SenderKind.extensionPage : SenderKind.contentScript
  }
  if (!isExtensionUrl) return null
  if (url === self.serviceWorkerUrl) return SenderKind.serviceWorker
  if (url === self.offscreenUrl) return SenderKind.offscreen
  return SenderKind.extensionPage
}
