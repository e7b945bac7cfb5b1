import { useEffect } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import { currentExtensionIdentity, classifySender, SenderKind } from "~messages/sender"
import { DockStateSchema, UiEventSchema, type DockState } from "~messages/ui.messages"
import { useDockStore } from "~store/dock.store"

function applyDockState(state: DockState) {
  const store = useDockStore.getState()
  store.applySoftphone(state.softphone, state.softphoneConfigured)
  store.applySession(state.session)
  store.applyRouting(state.routing)
  store.setSynced(true)
}

/** Pulls the dock state once, then follows the background's broadcasts. */
export function useDockSync(): void {
  useEffect(() => {
    const self = currentExtensionIdentity()
    const listener = (raw: unknown, sender: chrome.runtime.MessageSender) => {
      if ((raw as { target?: unknown } | null)?.target !== MessageTarget.ui) return false
      if (classifySender(sender, self) !== SenderKind.serviceWorker) return false
      const parsed = UiEventSchema.safeParse(raw)
      if (parsed.success) applyDockState(parsed.data.state)
      return false
    }
    chrome.runtime.onMessage.addListener(listener)
    sendMessage({ target: MessageTarget.background, type: "dock:get-state" })
      .then((state) => applyDockState(DockStateSchema.parse(state)))
      .catch((error) => useDockStore.getState().setSynced(false, String(error)))
    return () => chrome.runtime.onMessage.removeListener(listener)
  }, [])
}
