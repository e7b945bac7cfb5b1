import { DockView } from "~features/dock/dock-view"

export default function SidePanel() {
  return <DockView />
}
