import { ContentRequestSchema, UiRequestSchema } from "~messages/background.messages"
import { MessageError, MessageErrorCode, MessageTarget } from "~messages/envelope"
import { listenForMessages, listenForPort, messageChannel } from "~messages/listen"
import { OffscreenEventSchema, SOFTPHONE_EVENTS_PORT } from "~messages/offscreen.messages"
import { SenderKind } from "~messages/sender"
import { getDockSettings, getDockState, updateSoftphoneStatus } from "./dock-state"
import { applyCallRules, noteAgentHangUp } from "./call-rules"
import { createContentRequestHandler } from "./click-to-call.background"
import * as routing from "./routing.background"
import * as session from "./session.background"
import * as softphone from "./softphone.background"

const handleContentRequest = createContentRequestHandler()

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
        case "session:sign-in":
          return session.signIn(message.credentials)
        case "session:sign-out":
          return session.signOut()
        case "presence:set":
          return session.choosePresence(message.choice)
        case "softphone:configure":
          return softphone.configureSoftphone(message.config)
        case "softphone:disable":
          return softphone.disableSoftphone().then(() => null)
        case "softphone:dial": {
          const settings = await getDockSettings()
          if (settings?.blockManualDialing || settings?.channel === "chat") {
            throw new MessageError(MessageErrorCode.BLOCKED, "Manual dialing is turned off for you.")
          }
          return softphone.dial(message.to)
        }
        case "softphone:answer":
          return softphone.answer(message.callId).then(() => null)
        case "softphone:hang-up":
          noteAgentHangUp(message.callId)
          return softphone.hangUp(message.callId).then(() => null)
        case "offer:accept":
          return routing.acceptOffer(message.body.offerId)
        case "offer:decline":
          return routing.declineOffer(message.body.offerId)
        case "chat:send":
          return routing.sendChat(message.body.interactionId, message.body.text)
        case "interaction:close":
          return routing.closeChat(message.body.interactionId)
        case "wrapup:done":
          return routing.finishWrapUp()
      }
    },
  }),
  // Content scripts share a renderer with the page: a narrow schema, and the setting checked here.
  messageChannel({
    from: [SenderKind.contentScript],
    schema: ContentRequestSchema,
    async handle(message, sender) {
      return handleContentRequest(message, sender, await getDockSettings(), async (number) =>
        softphone.dial((await session.callReference({ number })) ?? number)
      )
    },
  }),
])

listenForPort(SOFTPHONE_EVENTS_PORT, [SenderKind.offscreen], OffscreenEventSchema, async (message) => {
  await updateSoftphoneStatus(message.status)
  session.noteCalls(message.status)
  applyCallRules(message.status, await getDockSettings(), {
    answer: (callId) => void softphone.answer(callId).catch((error) => console.error("auto answer failed", error)),
    missed: () => void session.reportMissed().catch((error) => console.error("auto pause failed", error)),
  })
})

// Keep-alive: while signed in, an alarm every 30 s wakes a stopped worker, which reopens the socket.
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === session.KEEPALIVE_ALARM) {
    void session.restoreSession()
    void session.renewSipCredentialsIfDue().catch((error) => console.error("SIP credential renewal failed", error))
  }
})

void session.restoreSession().catch((error) => console.error("session restore failed", error))
void softphone.restoreSoftphone().catch((error) => console.error("softphone restore failed", error))
