// Plasmo builds every file in tabs/ into an extension page; this one becomes
// tabs/offscreen.html, the document chrome.offscreen.createDocument opens.
// The code lives in offscreen/ (split by extension context).
import { startOffscreenDocument } from "~offscreen/offscreen.main"

startOffscreenDocument()

export default function OffscreenDocument() {
  return null
}
