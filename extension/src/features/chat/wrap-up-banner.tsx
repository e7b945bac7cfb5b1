import { useState } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import { useDockStore } from "~store/dock.store"
import { secondsLeft, useNow } from "~features/offers/use-now"

/** After-chat work (DESIGN.md §10): no offers until the queue's wrap-up seconds run out or Done. */
export function WrapUpBanner() {
  const until = useDockStore((store) => store.routing.wrapUpUntil)
  const now = useNow(500)
  const [error, setError] = useState<string | null>(null)
  if (!until || Date.parse(until) <= now) return null
  const left = secondsLeft(until, now)
  return (
    <section className="panel wrap-up" data-testid="wrap-up" aria-label="Wrap-up">
      <div>
        <strong>Wrap-up</strong>
        <span className="muted" data-testid="wrap-up-countdown">
          {" "}
          {Math.floor(left / 60)}:{String(left % 60).padStart(2, "0")} left · no new chats meanwhile
        </span>
      </div>
      {error ? <div className="error">{error}</div> : null}
      <button
        className="button"
        data-testid="wrap-up-done"
        onClick={() =>
          sendMessage({ target: MessageTarget.background, type: "wrapup:done" }).catch((e) => setError(e instanceof Error ? e.message : String(e)))
        }
      >
        Done
      </button>
    </section>
  )
}
