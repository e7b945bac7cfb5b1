import { useState, type FormEvent } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import { SoftphoneConfigSchema } from "~messages/softphone.schema"
import { useDockStore } from "~store/dock.store"

/**
 * Advanced: a SIP account typed by hand. Normally the signed-in dock registers
 * with the account the server issues (`GET /api/me/sip`), so this stays folded;
 * it serves a server without a SIP front, or another SIP server.
 */
export function SipAccountForm() {
  const configured = useDockStore((store) => store.softphoneConfigured)
  const [wsUrl, setWsUrl] = useState("")
  const [uri, setUri] = useState("")
  const [authorizationUser, setAuthorizationUser] = useState("")
  const [password, setPassword] = useState("")
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = SoftphoneConfigSchema.safeParse({
      wsUrl: wsUrl.trim(),
      uri: uri.trim(),
      ...(authorizationUser.trim() ? { authorizationUser: authorizationUser.trim() } : {}),
      ...(password ? { password } : {}),
    })
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
    <details className="panel" data-configured={configured}>
      <summary>Advanced: another SIP account</summary>
      <form className="form" onSubmit={submit}>
        <label>
          WebSocket server
          <input value={wsUrl} onChange={(e) => setWsUrl(e.target.value)} placeholder="wss://sip.example.com" />
        </label>
        <label>
          SIP address
          <input value={uri} onChange={(e) => setUri(e.target.value)} placeholder="sip:agent@example.com" />
        </label>
        <label>
          Auth user
          <input value={authorizationUser} onChange={(e) => setAuthorizationUser(e.target.value)} autoComplete="off" />
        </label>
        <label>
          SIP password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
        </label>
        <button className="button" type="submit">
          Connect softphone
        </button>
        {error && <div className="error">{error}</div>}
      </form>
    </details>
  )
}
