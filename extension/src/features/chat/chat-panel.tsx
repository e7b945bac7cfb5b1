import type { DockSession } from "~messages/session.schema"

type SignedIn = Extract<DockSession, { signedIn: true }>

/** Current chats against the member's limit; channel `phone` takes no chats and shows none. */
export function ChatPanel({ session }: { session: SignedIn }) {
  const settings = session.settings
  if (!settings || settings.channel === "phone") return null
  const active = session.presence?.activeChats ?? 0
  return (
    <section className="panel chats" aria-label="Chats" data-testid="chats" data-active={active} data-limit={settings.chatsPerUser}>
      <strong>Chats</strong>
      <span className="muted">
        {active} / {settings.chatsPerUser}
      </span>
    </section>
  )
}
