import type { Offer } from "@switchboard/shared"
import { useState } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import { CallStatus } from "~messages/softphone.schema"
import { useDockStore } from "~store/dock.store"
import { secondsLeft, useNow } from "./use-now"
import { useRing } from "./use-ring"

/** The customer as the server let this agent see them (masked per settings before it left the server). */
export const customerOf = (offer: Offer) => offer.display.name ?? offer.display.email ?? offer.display.number ?? "Visitor"

/** Offers ringing for the agent, each with a countdown to its expiry, Accept and Decline. */
export function OfferCards() {
  const offers = useDockStore((store) => store.routing.offers)
  const now = useNow()
  const live = offers.filter((offer) => Date.parse(offer.expiresAt) > now)
  useRing(live.length > 0)
  if (live.length === 0) return null
  return (
    <section className="offers" aria-label="Offers">
      {live.map((offer) => (
        <OfferCard key={offer.offerId} offer={offer} seconds={secondsLeft(offer.expiresAt, now)} />
      ))}
    </section>
  )
}

/**
 * A queue call rings the softphone (Kamailio sends it with the offer's id): answering is
 * answering that SIP call, and the server learns it from Kamailio's dialog event. Declining
 * tells the server and hangs the ringing call up.
 */
function send(offer: Offer, type: "offer:accept" | "offer:decline", sipCallId: string | undefined): Promise<unknown> {
  if (offer.kind === "call" && sipCallId) {
    if (type === "offer:accept") return sendMessage({ target: MessageTarget.background, type: "softphone:answer", callId: sipCallId })
    return sendMessage({ target: MessageTarget.background, type, body: { offerId: offer.offerId } }).finally(() =>
      sendMessage({ target: MessageTarget.background, type: "softphone:hang-up", callId: sipCallId })
    )
  }
  return sendMessage({ target: MessageTarget.background, type, body: { offerId: offer.offerId } })
}

function OfferCard({ offer, seconds }: { offer: Offer; seconds: number }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const sipCall = useDockStore((store) =>
    store.softphone.calls.find((call) => call.offerId === offer.offerId && call.status === CallStatus.ringing)
  )
  const act = (type: "offer:accept" | "offer:decline") => {
    setBusy(true)
    setError(null)
    send(offer, type, sipCall?.id)
      .catch((e) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false))
  }
  return (
    <article className="panel offer" data-testid="offer" data-offer-id={offer.offerId} data-kind={offer.kind} data-ringing={sipCall ? "true" : "false"} role="alert">
      <div className="offer__head">
        <strong>{offer.kind === "chat" ? "Chat" : "Call"} · {offer.queue.name}</strong>
        <span className="offer__countdown" data-testid="offer-countdown">
          {seconds}s
        </span>
      </div>
      <div className="offer__customer" data-testid="offer-customer">
        {customerOf(offer)}
      </div>
      {offer.preview ? (
        <div className="offer__preview muted" data-testid="offer-preview">
          {offer.preview}
        </div>
      ) : null}
      {error ? <div className="error">{error}</div> : null}
      <div className="offer__actions">
        <button className="button button--accept" data-testid="offer-accept" disabled={busy} onClick={() => act("offer:accept")}>
          Accept
        </button>
        <button className="button button--secondary" data-testid="offer-decline" disabled={busy} onClick={() => act("offer:decline")}>
          Decline
        </button>
      </div>
    </article>
  )
}
