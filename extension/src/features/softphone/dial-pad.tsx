import { useState, type FormEvent } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import { DialTargetSchema } from "~messages/softphone.schema"

/** Manual dialing; not rendered with blockManualDialing or channel `chat` (the background refuses too). */
export function DialPad() {
  const [to, setTo] = useState("")
  const [error, setError] = useState<string | null>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = DialTargetSchema.safeParse(to)
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join("; "))
      return
    }
    setError(null)
    await sendMessage({ target: MessageTarget.background, type: "softphone:dial", to: parsed.data })
      .then(() => setTo(""))
      .catch((e) => setError(e instanceof Error ? e.message : String(e)))
  }
  return (
    <section className="panel" aria-label="Dial pad" data-testid="dial-pad">
      <form className="dial" onSubmit={submit}>
        <input aria-label="Number to call" value={to} onChange={(e) => setTo(e.target.value)} placeholder="+1 555 0100" />
        <button className="button button--accept" type="submit">
          Call
        </button>
      </form>
      {error && <div className="error">{error}</div>}
    </section>
  )
}
