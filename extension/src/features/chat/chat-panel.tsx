import type { ChatMessage, InteractionDetail } from "@switchboard/shared"
import { useEffect, useRef, useState, type KeyboardEvent } from "react"
import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import type { DockSession } from "~messages/session.schema"
import { useDockStore } from "~store/dock.store"
import { WrapUpBanner } from "./wrap-up-banner"

type SignedIn = Extract<DockSession, { signedIn: true }>

/** Open chats against the member's limit, each conversation with its messages; channel `phone` takes no chats and shows none. */
export function ChatPanel({ session }: { session: SignedIn }) {
  const conversations = useDockStore((store) => store.routing.conversations)
  const typing = useDockStore((store) => store.routing.typing)
  const settings = session.settings
  if (!settings || settings.channel === "phone") return <WrapUpBanner />
  const active = Math.max(session.presence?.activeChats ?? 0, conversations.length)
  return (
    <>
      <WrapUpBanner />
      <section className="panel chats-panel" aria-label="Chats" data-testid="chats" data-active={active} data-limit={settings.chatsPerUser}>
        <div className="chats">
          <strong>Chats</strong>
          <span className="muted" data-testid="chats-count">
            {active} / {settings.chatsPerUser}
          </span>
        </div>
        {conversations.map((conversation) => (
          <Conversation key={conversation.id} conversation={conversation} customerTyping={typing.includes(conversation.id)} />
        ))}
      </section>
    </>
  )
}

const customerOf = (c: InteractionDetail) => c.contact.name ?? c.contact.email ?? c.contact.phone ?? "Visitor"

function Conversation({ conversation, customerTyping }: { conversation: InteractionDetail; customerTyping: boolean }) {
  const [text, setText] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const end = useRef<HTMLDivElement>(null)
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" })
  }, [conversation.messages.length, customerTyping])

  const run = (message: Parameters<typeof sendMessage>[0], after?: () => void) => {
    setBusy(true)
    setError(null)
    sendMessage(message)
      .then(() => after?.())
      .catch((e) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false))
  }
  const send = () => {
    const trimmed = text.trim()
    if (!trimmed) return
    // Cleared only if the box still holds what was sent: the agent may have typed on meanwhile.
    run({ target: MessageTarget.background, type: "chat:send", body: { interactionId: conversation.id, text: trimmed } }, () =>
      setText((current) => (current.trim() === trimmed ? "" : current))
    )
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault()
      send()
    }
  }
  return (
    <article className="conversation" data-testid="conversation" data-interaction-id={conversation.id}>
      <header className="conversation__head">
        <strong data-testid="conversation-customer">{customerOf(conversation)}</strong>
        <span className="muted">{conversation.queue.name}</span>
        <button
          className="link conversation__close"
          data-testid="conversation-close"
          disabled={busy}
          onClick={() => run({ target: MessageTarget.background, type: "interaction:close", body: { interactionId: conversation.id } })}
        >
          Close
        </button>
      </header>
      <div className="conversation__messages" data-testid="conversation-messages">
        {conversation.messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
        {customerTyping ? (
          <div className="muted conversation__typing" data-testid="conversation-typing">
            {customerOf(conversation)} is typing…
          </div>
        ) : null}
        <div ref={end} />
      </div>
      {error ? <div className="error">{error}</div> : null}
      <div className="conversation__compose">
        <textarea
          data-testid="conversation-input"
          aria-label={`Message to ${customerOf(conversation)}`}
          rows={2}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button className="button" data-testid="conversation-send" disabled={busy || !text.trim()} onClick={send}>
          Send
        </button>
      </div>
    </article>
  )
}

/** Text only: a text node, so markup the customer types shows as typed (DESIGN.md §13). */
function Message({ message }: { message: ChatMessage }) {
  return (
    <div className={`message message--${message.from}`} data-testid="conversation-message" data-from={message.from}>
      {message.text}
    </div>
  )
}
