import { MessageTarget } from "~messages/envelope"
import { listenForMessages, messageChannel } from "~messages/listen"
import { OffscreenRequestSchema, SOFTPHONE_EVENTS_PORT, type OffscreenEvent } from "~messages/offscreen.messages"
import { SenderKind } from "~messages/sender"
import { OffscreenSoftphone } from "./softphone.offscreen"

/** Boots the offscreen document: one softphone, commanded by the service worker only. */
export function startOffscreenDocument(): void {
  const audio = document.createElement("audio")
  audio.autoplay = true
  document.body.append(audio)

  // A stopped service worker drops the port; the next event opens a new one (and wakes the worker).
  let port: chrome.runtime.Port | undefined
  const openPort = () => {
    const opened = chrome.runtime.connect({ name: SOFTPHONE_EVENTS_PORT })
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = undefined
    })
    return opened
  }
  const post = (event: OffscreenEvent) => {
    try {
      ;(port ??= openPort()).postMessage(event)
    } catch {
      port = openPort()
      port.postMessage(event)
    }
  }
  const softphone = new OffscreenSoftphone(
    (status) => post({ target: MessageTarget.background, type: "softphone:status-changed", status }),
    audio
  )

  listenForMessages(MessageTarget.offscreen, [
    messageChannel({
      from: [SenderKind.serviceWorker],
      schema: OffscreenRequestSchema,
      handle(message) {
        switch (message.type) {
          case "softphone:start":
            return softphone.start(message.config)
          case "softphone:stop":
            return softphone.stopAndUnregister()
          case "softphone:credentials":
            return softphone.updateCredentials(message.config)
          case "softphone:get-status":
            return softphone.getStatus()
          case "softphone:dial":
            return { callId: softphone.dial(message.to) }
          case "softphone:answer":
            return softphone.answer(message.callId) ?? null
          case "softphone:hang-up":
            return softphone.hangUp(message.callId) ?? null
        }
      },
    }),
  ])
}
