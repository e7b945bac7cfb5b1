import type { PlasmoCSConfig } from "plasmo"
import { linkNumbers, watchNumbers } from "~features/click-to-call/link-numbers"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"

export const config: PlasmoCSConfig = {
  matches: ["http://*/*", "https://*/*"],
  run_at: "document_idle",
}

// Click to call: with the setting on, phone numbers on the page become call links.
// With it off (or signed out) the page is left exactly as it was.
async function start(): Promise<void> {
  const enabled = await sendMessage<boolean>({ target: MessageTarget.background, type: "click-to-call:enabled" })
  if (enabled !== true) return
  const dial = (number: string) =>
    void sendMessage({ target: MessageTarget.background, type: "click-to-call:dial", number }).catch((error) =>
      console.warn("Switchboard: call failed", error)
    )
  linkNumbers(document.body, dial)
  watchNumbers(document.body, dial)
}

void start().catch(() => undefined)
