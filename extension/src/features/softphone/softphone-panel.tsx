import { useState } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import { CallStatus, RegistrationState, type SoftphoneCall } from "~messages/softphone.schema"
import { useDockStore } from "~store/dock.store"

const REGISTRATION_LABEL: Record<RegistrationState, string> = {
  stopped: "Softphone off",
  connecting: "Connecting…",
  registered: "Ready for calls",
  unregistered: "Not registered",
  failed: "Registration failed",
}

const CALL_LABEL: Record<CallStatus, string> = {
  ringing: "Incoming call",
  progress: "Calling…",
  answered: "Connecting…",
  confirmed: "On call",
  ended: "Ended",
  failed: "Failed",
}

function isLive(call: SoftphoneCall): boolean {
  return call.status !== CallStatus.ended && call.status !== CallStatus.failed
}

function CallRow({ call }: { call: SoftphoneCall }) {
  const [error, setError] = useState<string | null>(null)
  const run = (type: "softphone:answer" | "softphone:hang-up") =>
    sendMessage({ target: MessageTarget.background, type, callId: call.id }).catch((e) => setError(String(e)))
  return (
    <li className="call" data-testid="call" data-status={call.status} data-direction={call.direction}>
      <div className="call__who">{call.remoteName ?? call.remoteUri}</div>
      <div className="call__status">
        {CALL_LABEL[call.status]}
        {call.cause && !isLive(call) ? ` · ${call.cause}` : ""}
      </div>
      {isLive(call) && (
        <div className="call__actions">
          {call.direction === "incoming" && call.status === CallStatus.ringing && (
            <button className="button button--accept" onClick={() => run("softphone:answer")}>
              Answer
            </button>
          )}
          <button className="button button--hangup" onClick={() => run("softphone:hang-up")}>
            Hang up
          </button>
        </div>
      )}
      {error && <div className="error">{error}</div>}
    </li>
  )
}

export function SoftphonePanel() {
  const softphone = useDockStore((store) => store.softphone)
  return (
    <section className="panel" aria-label="Softphone">
      <div className="softphone-status" data-testid="softphone-status" data-registration={softphone.registration}>
        <span className={`dot dot--${softphone.registration}`} />
        <span>{REGISTRATION_LABEL[softphone.registration]}</span>
        {softphone.uri && <span className="muted"> · {softphone.uri}</span>}
      </div>
      {softphone.cause && softphone.registration !== RegistrationState.registered && (
        <div className="muted">{softphone.cause}</div>
      )}
      {softphone.calls.some(isLive) && (
        <ul className="calls">
          {softphone.calls.filter(isLive).map((call) => (
            <CallRow key={call.id} call={call} />
          ))}
        </ul>
      )}
    </section>
  )
}
