import { SipAccountForm } from "~features/softphone/sip-account-form"
import { SoftphonePanel } from "~features/softphone/softphone-panel"
import { useDockStore } from "~store/dock.store"
import { useDockSync } from "./use-dock-sync"
import "./dock.css"

/** The dock, shared by the popup and the side panel. */
export function DockView() {
  useDockSync()
  const synced = useDockStore((store) => store.synced)
  const syncError = useDockStore((store) => store.syncError)
  return (
    <main className="dock" data-testid="dock" data-synced={synced}>
      <header className="dock__header">
        <strong>Switchboard</strong>
        <span className="muted">Dock</span>
      </header>
      {syncError && <div className="error">{syncError}</div>}
      <SoftphonePanel />
      <SipAccountForm />
    </main>
  )
}
