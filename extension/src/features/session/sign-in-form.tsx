import { useState, type FormEvent } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import { DEFAULT_SERVER_URL, SignInSchema } from "~messages/session.schema"
import { useDockStore } from "~store/dock.store"

export function SignInForm() {
  const session = useDockStore((store) => store.session)
  const [serverUrl, setServerUrl] = useState((!session.signedIn && session.serverUrl) || DEFAULT_SERVER_URL)
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = SignInSchema.safeParse({ serverUrl, email, password })
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join("; "))
      return
    }
    setError(null)
    setBusy(true)
    try {
      await sendMessage({ target: MessageTarget.background, type: "session:sign-in", credentials: parsed.data })
      setPassword("")
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel" aria-label="Sign in" data-testid="sign-in">
      {!session.signedIn && session.notice && (
        <div className="notice" data-testid="session-notice">
          {session.notice}
        </div>
      )}
      <form className="form" onSubmit={submit}>
        <label>
          Server URL
          <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />
        </label>
        <label>
          E-mail
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button className="button" type="submit" disabled={busy}>
          Sign in
        </button>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
      </form>
    </section>
  )
}
