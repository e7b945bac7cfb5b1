import { useState, type FormEvent } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import { SoftphoneConfigSchema } from "~messages/softphone.schema"
import { useDockStore } from "~store/dock.store"

/**
 * Manual SIP account entry. Once the dock signs in, the SIP server comes from
 * the effective phone settings (`sipWebSocketUrl`) and this form is only a
 * fallback for workspaces that leave it empty.
 */
export function SipAccountForm() {
  const configured = useDockStore((store) => store.softphoneConfigured)
  const [wsUrl, setWsUrl] = useState("")
  const [uri, setUri] = useState("")
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = SoftphoneConfigSchema.safeParse({ wsUrl: wsUrl.trim(), uri: uri.trim() })
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join("; "))
      return
    }
    setError(null)
    await sendMessage({ target: MessageTarget.background, type: "softphone:configure", config: parsed.data }).catch(
      (e) => setError(String(e))
    )
  }

  return (
    <details className="panel" open={!configured}>
      <summary>SIP account</summary>
      <form className="form" onSubmit={submit}>
        <label>
          WebSocket server
          <input value={wsUrl} onChange={(e) => setWsUrl(e.target.value)} placeholder="wss://sip.example.com" />
        </label>
        <label>
          SIP address
          <input value={uri} onChange={(e) => setUri(e.target.value)} placeholder="sip:agent@example.com" />
        </label>
        <button className="button" type="submit">
          Connect softphone
        </button>
        {error && <div className="error">{error}</div>}
      </form>
    </details>
  )
}
