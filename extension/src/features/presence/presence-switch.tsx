import { useState } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import type { PresenceChoice } from "@switchboard/shared"
import type { DockSession } from "~messages/session.schema"

type SignedIn = Extract<DockSession, { signedIn: true }>

const AVAILABLE = "available"

/** Available, or away with one of the workspace's reasons. */
export function PresenceSwitch({ session }: { session: SignedIn }) {
  const [error, setError] = useState<string | null>(null)
  const presence = session.presence
  const value = presence?.status === "away" ? `away:${presence.awayReason ?? ""}` : AVAILABLE
  const choose = (raw: string) => {
    const choice: PresenceChoice =
      raw === AVAILABLE ? { status: "available" } : { status: "away", ...(raw.slice(5) ? { awayReason: raw.slice(5) } : {}) }
    setError(null)
    sendMessage({ target: MessageTarget.background, type: "presence:set", choice }).catch((e) =>
      setError(e instanceof Error ? e.message : String(e))
    )
  }
  return (
    <section
      className="panel presence"
      aria-label="Presence"
      data-testid="presence"
      data-status={presence?.status ?? "unknown"}
      data-away-reason={presence?.awayReason ?? ""}
    >
      <span className={`dot dot--${presence?.status ?? "unknown"}`} />
      <label className="presence__label">
        Status
        <select
          value={value}
          disabled={session.connection !== "connected"}
          onChange={(e) => choose(e.target.value)}
        >
          <option value={AVAILABLE}>Available</option>
          <option value="away:">Away</option>
          {session.awayReasons.map((reason) => (
            <option key={reason} value={`away:${reason}`}>
              Away · {reason}
            </option>
          ))}
          {presence?.status === "away" && presence.awayReason && !session.awayReasons.includes(presence.awayReason) && (
            <option value={value}>Away · {presence.awayReason}</option>
          )}
        </select>
      </label>
      {presence?.changedBy && <div className="muted">Set by {presence.changedBy}</div>}
      {error && <div className="error">{error}</div>}
    </section>
  )
}
