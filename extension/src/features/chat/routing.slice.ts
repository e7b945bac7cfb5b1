import type { StateCreator } from "zustand"
import { EMPTY_ROUTING, type RoutingView } from "~messages/routing.schema"
import type { DockStore } from "~store/dock.store"

/** Offers ringing, open chats and wrap-up, as the background built them from the /dock events. */
export interface RoutingSlice {
  routing: RoutingView
  applyRouting(routing: RoutingView): void
}

export const createRoutingSlice: StateCreator<DockStore, [], [], RoutingSlice> = (set) => ({
  routing: EMPTY_ROUTING,
  applyRouting: (routing) => set({ routing }),
})
