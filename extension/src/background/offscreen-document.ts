import { OFFSCREEN_PATH } from "~messages/sender"

let creating: Promise<void> | undefined

/**
 * Opens the offscreen document that hosts JsSIP unless it is already open.
 * Chrome allows one offscreen document per extension, and concurrent
 * createDocument calls fail, hence the shared in-flight promise.
 */
export async function ensureOffscreenDocument(): Promise<void> {
  if (await hasOffscreenDocument()) return
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: [chrome.offscreen.Reason.USER_MEDIA, chrome.offscreen.Reason.WEB_RTC],
      justification: "Softphone: a SIP user agent needs WebRTC and the microphone, which a service worker lacks.",
    })
    .finally(() => {
      creating = undefined
    })
  await creating
}

export async function hasOffscreenDocument(): Promise<boolean> {
  const existing = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(OFFSCREEN_PATH)],
  })
  return existing.length > 0
}

export async function closeOffscreenDocument(): Promise<void> {
  if (await hasOffscreenDocument()) await chrome.offscreen.closeDocument()
}
