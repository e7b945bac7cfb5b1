import type { StateCreator } from "zustand"
import type { DockStore } from "~store/dock.store"

/** Whether the UI has heard from the background yet, and the last failure. */
export interface DockSyncSlice {
  synced: boolean
  syncError: string | null
  setSynced(synced: boolean, syncError?: string | null): void
}

export const createDockSyncSlice: StateCreator<DockStore, [], [], DockSyncSlice> = (set) => ({
  synced: false,
  syncError: null,
  setSynced: (synced, syncError = null) => set({ synced, syncError }),
})
