import { ChatPanel } from "~features/chat/chat-panel"
import { OfferCards } from "~features/offers/offer-cards"
import { PresenceSwitch } from "~features/presence/presence-switch"
import { SignInForm } from "~features/session/sign-in-form"
import { CallHistory } from "~features/softphone/call-history"
import { DialPad } from "~features/softphone/dial-pad"
import { SipAccountForm } from "~features/softphone/sip-account-form"
import { SoftphonePanel } from "~features/softphone/softphone-panel"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import type { ConnectionState } from "~messages/session.schema"
import { useDockStore } from "~store/dock.store"
import { MySettings } from "./my-settings"
import { useAutoHide } from "./use-auto-hide"
import { useDockSync } from "./use-dock-sync"
import "./dock.css"

// Plasmo writes the popup's and side panel's <html> without a lang; screen readers need one to pick a voice.
document.documentElement.lang = "en"

const CONNECTION_NOTICE = {
  connecting: "Connecting to the server…",
  disconnected: "Offline, reconnecting…",
  outdated: "Update the dock: this version is too old for the server.",
} as const satisfies Record<Exclude<ConnectionState, "connected">, string>

/** The dock, shared by the popup and the side panel. */
export function DockView() {
  useDockSync()
  const synced = useDockStore((store) => store.synced)
  const syncError = useDockStore((store) => store.syncError)
  const session = useDockStore((store) => store.session)
  const settings = session.signedIn ? session.settings : null
  const mayDial = settings !== null && !settings.blockManualDialing && settings.channel !== "chat"
  const onCall = useDockStore((store) => store.softphone.calls.some((call) => call.status !== "ended" && call.status !== "failed"))
  useAutoHide(settings?.autoHideDock === true, onCall)
  return (
    <main
      className="dock"
      data-testid="dock"
      data-synced={synced}
      data-signed-in={session.signedIn}
      data-connection={session.signedIn ? session.connection : "none"}
      data-settings={settings ? "loaded" : "none"}
      data-click-to-call={settings ? String(settings.clickToCall) : "none"}
      data-auto-hide={settings ? String(settings.autoHideDock) : "none"}
    >
      <header className="dock__header">
        <strong>Switchboard</strong>
        {session.signedIn ? (
          <>
            <span className="muted dock__who">
              {session.userName} · {session.workspaceName}
            </span>
            <button
              className="link"
              onClick={() => void sendMessage({ target: MessageTarget.background, type: "session:sign-out" })}
            >
              Sign out
            </button>
          </>
        ) : (
          <span className="muted">Dock</span>
        )}
      </header>
      {syncError && <div className="error">{syncError}</div>}
      {session.signedIn ? (
        <>
          {session.connection !== "connected" && (
            <div className={session.connection === "outdated" ? "error" : "muted"} data-testid="connection">
              {CONNECTION_NOTICE[session.connection]}
            </div>
          )}
          <PresenceSwitch session={session} />
          <OfferCards />
          <ChatPanel session={session} />
          {settings && <MySettings settings={settings} />}
        </>
      ) : (
        synced && <SignInForm />
      )}
      <SoftphonePanel />
      {mayDial && <DialPad />}
      {!settings?.hideCallHistory && <CallHistory />}
      <SipAccountForm />
    </main>
  )
}
