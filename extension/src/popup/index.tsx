import { DockView } from "~features/dock/dock-view"

export default function Popup() {
  return <DockView />
}
