import type { PlasmoCSConfig } from "plasmo"
import { linkNumbers, unlinkNumbers, watchNumbers } from "~features/click-to-call/link-numbers"
import { ContentEventSchema } from "~messages/content.messages"
import { MessageTarget } from "~messages/envelope"
import { listenForMessages, messageChannel } from "~messages/listen"
import { sendMessage } from "~messages/send"
import { SenderKind } from "~messages/sender"

export const config: PlasmoCSConfig = {
  matches: ["http://*/*", "https://*/*"],
  run_at: "document_idle",
}

const dial = (number: string) =>
  void sendMessage({ target: MessageTarget.background, type: "click-to-call:dial", number }).catch((error) =>
    console.warn("Switchboard: call failed", error)
  )

let stopWatching: (() => void) | undefined
/** Set by the first announcement: from then on the load-time answer is stale. */
let announced = false

// Click to call: with the setting on, phone numbers on the page become call links.
// With it off (or signed out) the page is left, or put back, exactly as it was.
function showCallLinks(enabled: boolean): void {
  if (enabled && !stopWatching) {
    linkNumbers(document.body, dial)
    stopWatching = watchNumbers(document.body, dial)
  } else if (!enabled && stopWatching) {
    stopWatching()
    stopWatching = undefined
    unlinkNumbers(document.body)
  }
}

// Only our service worker may switch the links (chrome.tabs.sendMessage from it: our id,
// its URL, no tab); the page and other extensions cannot reach or pass this check.
listenForMessages(MessageTarget.content, [
  messageChannel({
    from: [SenderKind.serviceWorker],
    schema: ContentEventSchema,
    handle(message) {
      announced = true
      showCallLinks(message.enabled)
      return null
    },
  }),
])

async function start(): Promise<void> {
  const enabled = await sendMessage<boolean>({ target: MessageTarget.background, type: "click-to-call:enabled" })
  if (!announced) showCallLinks(enabled === true)
}

void start().catch(() => undefined)
