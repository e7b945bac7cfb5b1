export default function Popup() {
  return <div>Switchboard</div>
}
