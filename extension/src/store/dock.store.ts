import { create } from "zustand"
import { createRoutingSlice, type RoutingSlice } from "~features/chat/routing.slice"
import { createDockSyncSlice, type DockSyncSlice } from "~features/dock/dock-sync.slice"
import { createSessionSlice, type SessionSlice } from "~features/session/session.slice"
import { createSoftphoneSlice, type SoftphoneSlice } from "~features/softphone/softphone.slice"

// One store for the dock UI, built from feature slices (zustand "slices
// pattern"); middleware, if any, wraps only this combined store.
export type DockStore = SoftphoneSlice & DockSyncSlice & SessionSlice & RoutingSlice

export const useDockStore = create<DockStore>()((...args) => ({
  ...createSoftphoneSlice(...args),
  ...createDockSyncSlice(...args),
  ...createSessionSlice(...args),
  ...createRoutingSlice(...args),
}))
