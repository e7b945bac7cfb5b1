import { useEffect, useState, type FormEvent } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import { DEFAULT_SERVER_URL, SignInSchema } from "~messages/session.schema"
import { useDockStore } from "~store/dock.store"
import { readPackagedServerUrl } from "./packaged-server"
import { signInProblems } from "./sign-in-errors"

export function SignInForm() {
  const session = useDockStore((store) => store.session)
  const lastUsed = (!session.signedIn && session.serverUrl) || undefined
  const [serverUrl, setServerUrl] = useState(lastUsed ?? "")
  const [serverSource, setServerSource] = useState<"last" | "package" | "none">(lastUsed ? "last" : "none")
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  // The server this dock was downloaded from, unless the agent signed in somewhere before.
  useEffect(() => {
    if (lastUsed) return
    let current = true
    void readPackagedServerUrl().then((packaged) => {
      if (!current) return
      if (packaged) {
        setServerUrl((typed) => typed || packaged)
        setServerSource("package")
      } else setServerUrl((typed) => typed || DEFAULT_SERVER_URL)
    })
    return () => {
      current = false
    }
  }, [lastUsed])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = SignInSchema.safeParse({ serverUrl, email, password })
    if (!parsed.success) {
      setError(signInProblems(parsed.error))
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
          <input
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            aria-describedby="server-url-hint"
            data-testid="server-url"
            data-source={serverSource}
          />
        </label>
        <span id="server-url-hint" className="muted hint">
          {serverSource === "package"
            ? "The server this dock was downloaded from."
            : serverSource === "last"
              ? "The server you signed in to last time."
              : "Your administrator's Switchboard address."}
        </span>
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
          <div className="error" role="alert" data-testid="sign-in-error">
            {error}
          </div>
        )}
      </form>
    </section>
  )
}
