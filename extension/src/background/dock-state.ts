import { MessageTarget } from "~messages/envelope"
import { broadcastMessage } from "~messages/send"
import { SIGNED_OUT, type DockSession } from "~messages/session.schema"
import { STOPPED_SOFTPHONE, type SoftphoneStatus } from "~messages/softphone.schema"
import { DockStateSchema, type DockState } from "~messages/ui.messages"

const SESSION_KEY = "dock.state"

let state: DockState = { softphone: STOPPED_SOFTPHONE, softphoneConfigured: false, session: SIGNED_OUT }
let loaded: Promise<void> | undefined

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

export async function getDockState(): Promise<DockState> {
  await load()
  return state
}

async function commit(next: DockState): Promise<DockState> {
  state = next
  await chrome.storage.session.set({ [SESSION_KEY]: next })
  await broadcastMessage({ target: MessageTarget.ui, type: "dock:state-changed", state: next })
  return next
}

export async function updateSoftphoneStatus(softphone: SoftphoneStatus): Promise<DockState> {
  await load()
  // Caller-number masking (maskPhoneNumber) belongs here, before any UI sees
  // the call: it arrives with the effective settings from the server.
  return commit({ ...state, softphone })
}

export async function setSoftphoneConfigured(softphoneConfigured: boolean): Promise<DockState> {
  await load()
  return commit({ ...state, softphoneConfigured })
}

export async function setSession(session: DockSession): Promise<DockState> {
  await load()
  return commit({ ...state, session })
}

/** Changes the signed-in session; a no-op once signed out (late socket events). */
export async function updateSignedInSession(
  change: (session: Extract<DockSession, { signedIn: true }>) => DockSession
): Promise<DockState> {
  await load()
  if (!state.session.signedIn) return state
  return commit({ ...state, session: change(state.session) })
}
