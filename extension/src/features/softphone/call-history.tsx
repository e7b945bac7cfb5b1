import { CallStatus } from "~messages/softphone.schema"
import { useDockStore } from "~store/dock.store"

/** Past calls of this dock; not rendered with hideCallHistory (the background strips them too). */
export function CallHistory() {
  const all = useDockStore((store) => store.softphone.calls)
  const calls = all.filter((call) => call.status === CallStatus.ended || call.status === CallStatus.failed)
  return (
    <section className="panel" aria-label="Call history" data-testid="call-history">
      <strong>Recent calls</strong>
      {calls.length === 0 ? (
        <div className="muted">No calls yet</div>
      ) : (
        <ul className="calls">
          {calls.map((call) => (
            <li key={call.id} className="call" data-testid="history-call" data-status={call.status}>
              <div className="call__who">{call.remoteName ?? call.remoteUri}</div>
              <div className="call__status muted">
                {call.direction === "incoming" ? "Incoming" : "Outgoing"} · {call.status}
                {call.cause ? ` · ${call.cause}` : ""}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
