import { UiRequestSchema } from "~messages/background.messages"
import { MessageTarget } from "~messages/envelope"
import { listenForMessages, messageChannel } from "~messages/listen"
import { OffscreenEventSchema } from "~messages/offscreen.messages"
import { SenderKind } from "~messages/sender"
import { getDockState, updateSoftphoneStatus } from "./dock-state"
import * as softphone from "./softphone.background"

// Listeners are registered synchronously at top level: Chrome only delivers
// the event that woke a stopped worker to listeners added in the first turn.
listenForMessages(MessageTarget.background, [
  messageChannel({
    from: [SenderKind.extensionPage],
    schema: UiRequestSchema,
    async handle(message) {
      switch (message.type) {
        case "dock:get-state":
          return getDockState()
        case "softphone:configure":
          return softphone.configureSoftphone(message.config)
        case "softphone:disable":
          return softphone.disableSoftphone().then(() => null)
        case "softphone:dial":
          return softphone.dial(message.to)
        case "softphone:answer":
          return softphone.answer(message.callId).then(() => null)
        case "softphone:hang-up":
          return softphone.hangUp(message.callId).then(() => null)
      }
    },
  }),
  messageChannel({
    from: [SenderKind.offscreen],
    schema: OffscreenEventSchema,
    async handle(message) {
      await updateSoftphoneStatus(message.status)
      return null
    },
  }),
  // Content scripts (click-to-call) get their own channel with
  // ContentRequestSchema once the `clickToCall` setting reaches the dock;
  // until then every content-script message is refused as FORBIDDEN_SENDER.
])

void softphone.restoreSoftphone().catch((error) => console.error("softphone restore failed", error))
