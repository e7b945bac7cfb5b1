import { MessageTarget } from "~messages/envelope"
import { broadcastMessage } from "~messages/send"
import { SIGNED_OUT, type DockSession } from "~messages/session.schema"
import { STOPPED_SOFTPHONE, type SoftphoneStatus } from "~messages/softphone.schema"
import { EMPTY_ROUTING, type RoutingView } from "~messages/routing.schema"
import { DockStateSchema, type DockState } from "~messages/ui.messages"
import { announceClickToCall, clickToCallChange } from "./click-to-call.background"
import { softphoneView } from "./dock-view"

const SESSION_KEY = "dock.state"

let state: DockState = { softphone: STOPPED_SOFTPHONE, softphoneConfigured: false, session: SIGNED_OUT, routing: EMPTY_ROUTING }
let loaded: Promise<void> | undefined
/** The offscreen UA's own status, real numbers included: memory only, never sent to a UI. */
let rawSoftphone: SoftphoneStatus | undefined

/**
 * The one snapshot every dock UI renders. Kept in storage.session (trusted
 * contexts only) as well as memory, because Chrome stops idle service workers
 * and the next one must not show a stale "stopped" softphone.
 */
async function load(): Promise<void> {
  loaded ??= chrome.storage.session.get(SESSION_KEY).then((stored) => {
    const parsed = DockStateSchema.safeParse(stored[SESSION_KEY])
    if (parsed.success) state = parsed.data
  })
  await loaded
}

/** The current effective settings (null when signed out or not loaded yet). */
export async function getDockSettings() {
  await load()
  return settingsOf(state)
}

export async function getDockState(): Promise<DockState> {
  await load()
  return state
}

const settingsOf = (of: DockState) => (of.session.signedIn ? of.session.settings : null)

/** Signed in but settings not read yet: mask and hide until the server says otherwise. */
const viewSettingsOf = (of: DockState) =>
  of.session.signedIn ? (of.session.settings ?? { maskPhoneNumber: true, hideCallHistory: true }) : null

async function commit(next: DockState): Promise<DockState> {
  const clickToCall = clickToCallChange(state.session, next.session)
  state = next
  // Open pages follow the setting without a reload (they asked once, at load).
  if (clickToCall !== null) announceClickToCall(clickToCall)
  await chrome.storage.session.set({ [SESSION_KEY]: next })
  await broadcastMessage({ target: MessageTarget.ui, type: "dock:state-changed", state: next })
  return next
}

export async function updateSoftphoneStatus(softphone: SoftphoneStatus): Promise<DockState> {
  await load()
  rawSoftphone = softphone
  return commit({ ...state, softphone: softphoneView(softphone, viewSettingsOf(state)) })
}

export async function setSoftphoneConfigured(softphoneConfigured: boolean): Promise<DockState> {
  await load()
  return commit({ ...state, softphoneConfigured })
}

export async function setSession(session: DockSession): Promise<DockState> {
  await load()
  return commitWithSession(session)
}

/** A session change may bring new settings: the softphone view is derived again from the raw status. */
function commitWithSession(session: DockSession): Promise<DockState> {
  // Signed out: no offer or chat of that session stays on screen.
  const next = { ...state, session, routing: session.signedIn ? state.routing : EMPTY_ROUTING }
  return commit({ ...next, softphone: softphoneView(rawSoftphone ?? state.softphone, viewSettingsOf(next)) })
}

/** Changes the signed-in session; a no-op once signed out (late socket events). */
export async function updateSignedInSession(
  change: (session: Extract<DockSession, { signedIn: true }>) => DockSession
): Promise<DockState> {
  await load()
  if (!state.session.signedIn) return state
  return commitWithSession(change(state.session))
}

/** Changes the routing view (offers, chats, wrap-up); a no-op once signed out (late socket events). */
export async function updateRouting(change: (routing: RoutingView) => RoutingView): Promise<DockState> {
  await load()
  if (!state.session.signedIn) return state
  return commit({ ...state, routing: change(state.routing) })
}
