import type { StateCreator } from "zustand"
import { STOPPED_SOFTPHONE, type SoftphoneStatus } from "~messages/softphone.schema"
import type { DockStore } from "~store/dock.store"

export interface SoftphoneSlice {
  softphone: SoftphoneStatus
  softphoneConfigured: boolean
  applySoftphone(status: SoftphoneStatus, configured: boolean): void
}

export const createSoftphoneSlice: StateCreator<DockStore, [], [], SoftphoneSlice> = (set) => ({
  softphone: STOPPED_SOFTPHONE,
  softphoneConfigured: false,
  applySoftphone: (softphone, softphoneConfigured) => set({ softphone, softphoneConfigured }),
})
