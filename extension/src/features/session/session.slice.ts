import type { StateCreator } from "zustand"
import { SIGNED_OUT, type DockSession } from "~messages/session.schema"
import type { DockStore } from "~store/dock.store"

/** Who is signed in, the connection, own presence and effective settings (as the background built them). */
export interface SessionSlice {
  session: DockSession
  applySession(session: DockSession): void
}

export const createSessionSlice: StateCreator<DockStore, [], [], SessionSlice> = (set) => ({
  session: SIGNED_OUT,
  applySession: (session) => set({ session }),
})
