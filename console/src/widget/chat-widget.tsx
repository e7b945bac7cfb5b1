import { CHAT_TEXT_MAX, chatStartRequestSchema, type ChatMessage } from "@switchboard/shared";
import { useEffect, useReducer, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { initialWidgetState, widgetReducer, widgetStatusText, type WidgetState } from "./chat-state";
import { RequestFailed, VisitorConnection } from "./visitor-connection";

/** Typing is announced at most this often while keys keep coming, and stopped after this long without one. */
const TYPING_REPEAT_MS = 2_000;
const TYPING_IDLE_MS = 3_000;

export function ChatWidget({ workspaceId, queueId }: { workspaceId: string; queueId: string }) {
  const [state, dispatch] = useReducer(widgetReducer, initialWidgetState);
  const connection = useRef<VisitorConnection | null>(null);

  useEffect(() => {
    const conn = new VisitorConnection(workspaceId, queueId, dispatch);
    connection.current = conn;
    return () => {
      conn.dispose();
      connection.current = null;
    };
  }, [workspaceId, queueId]);

  const endChat = () => void connection.current?.close().catch(() => {});

  return (
    <div className="widget" data-testid="chat-widget" data-phase={state.phase}>
      <header className="widget-header">
        <div>
          <div className="widget-title">Chat with us</div>
          <div className="widget-status" data-testid="widget-status" role="status">
            {widgetStatusText(state)}
          </div>
        </div>
        {state.phase === "queued" || state.phase === "connected" ? (
          <button type="button" className="widget-end" data-testid="widget-end" onClick={endChat}>
            End chat
          </button>
        ) : null}
      </header>
      <MessageList state={state} />
      {state.connection === "refused" ? null : state.phase === "start" ? (
        <StartForm connection={connection.current} />
      ) : state.phase === "ended" ? (
        <div className="widget-ended">
          <button type="button" className="widget-button" data-testid="widget-new-chat" onClick={() => connection.current?.forgetChat()}>
            Start a new chat
          </button>
        </div>
      ) : (
        <Composer connection={connection.current} disabled={state.connection !== "live"} />
      )}
    </div>
  );
}

function MessageList({ state }: { state: WidgetState }) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [state.messages.length, state.agentTyping]);
  return (
    <div className="widget-messages" data-testid="widget-messages">
      {state.messages.map((message) => (
        <MessageBubble key={message.id} message={message} />
      ))}
      {state.agentTyping ? (
        <div className="widget-typing" data-testid="widget-typing">
          {state.agentName ?? "The agent"} is typing…
        </div>
      ) : null}
      <div ref={end} />
    </div>
  );
}

/** Text only: React puts it in a text node, so markup a visitor or agent types shows as typed (DESIGN.md §13). */
function MessageBubble({ message }: { message: ChatMessage }) {
  if (message.from === "system") {
    return (
      <div className="widget-notice" data-testid="widget-notice">
        {message.text}
      </div>
    );
  }
  return (
    <div className={`widget-bubble widget-bubble-${message.from}`} data-testid="widget-message" data-from={message.from}>
      {message.from === "agent" && message.authorName ? <div className="widget-author">{message.authorName}</div> : null}
      <div className="widget-text">{message.text}</div>
    </div>
  );
}

function StartForm({ connection }: { connection: VisitorConnection | null }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [text, setText] = useState("");
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { text, ...(name.trim() ? { name } : {}), ...(email.trim() ? { email } : {}) };
    const parsed = chatStartRequestSchema.safeParse(body);
    if (!parsed.success) {
      setIssues(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "text"), issue.message])));
      return;
    }
    setIssues({});
    setBusy(true);
    try {
      await connection?.start(body);
    } catch (error) {
      setIssues(issuesOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="widget-start" data-testid="widget-start" onSubmit={onSubmit} noValidate>
      <label className="widget-field">
        <span>Name (optional)</span>
        <input data-testid="widget-name" value={name} maxLength={100} autoComplete="name" onChange={(e) => setName(e.target.value)} />
      </label>
      {issues.name ? <div className="widget-error">{issues.name}</div> : null}
      <label className="widget-field">
        <span>E-mail (optional)</span>
        <input data-testid="widget-email" type="email" value={email} maxLength={254} autoComplete="email" onChange={(e) => setEmail(e.target.value)} />
      </label>
      {issues.email ? <div className="widget-error">{issues.email}</div> : null}
      <textarea
        data-testid="widget-first-message"
        placeholder="How can we help?"
        value={text}
        rows={3}
        maxLength={CHAT_TEXT_MAX}
        onChange={(e) => setText(e.target.value)}
      />
      {issues.text || issues.form ? <div className="widget-error" data-testid="widget-error">{issues.text ?? issues.form}</div> : null}
      <button type="submit" className="widget-button" data-testid="widget-start-chat" disabled={busy || !connection || !text.trim()}>
        Start chat
      </button>
    </form>
  );
}

function Composer({ connection, disabled }: { connection: VisitorConnection | null; disabled: boolean }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const typing = useTypingAnnouncer(connection);

  const send = async () => {
    const trimmed = text.trim();
    if (!trimmed || !connection) return;
    typing.stop();
    try {
      await connection.send(trimmed);
      // Cleared only if the box still holds what was sent: the visitor may have typed on meanwhile.
      setText((current) => (current.trim() === trimmed ? "" : current));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Not sent.");
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <div className="widget-composer">
      {error ? <div className="widget-error" data-testid="widget-error">{error}</div> : null}
      <div className="widget-composer-row">
        <textarea
          data-testid="widget-input"
          placeholder="Write a message…"
          value={text}
          rows={2}
          maxLength={CHAT_TEXT_MAX}
          onChange={(e) => {
            setText(e.target.value);
            typing.keystroke();
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="widget-button" data-testid="widget-send" disabled={disabled || !text.trim()} onClick={() => void send()}>
          Send
        </button>
      </div>
    </div>
  );
}

/** Tells the agent "typing" while keys come, at most every couple of seconds, and "stopped" after a pause. */
function useTypingAnnouncer(connection: VisitorConnection | null) {
  const last = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(idle.current), []);
  const stop = () => {
    clearTimeout(idle.current);
    if (last.current) connection?.typing(false);
    last.current = 0;
  };
  const keystroke = () => {
    const now = Date.now();
    if (now - last.current > TYPING_REPEAT_MS) {
      connection?.typing(true);
      last.current = now;
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stop, TYPING_IDLE_MS);
  };
  return { keystroke, stop };
}

function issuesOf(error: unknown): Record<string, string> {
  if (error instanceof RequestFailed) {
    const list = (error.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)?.issues ?? [];
    const fields = Object.fromEntries(
      list.filter((i) => typeof i.path === "string" && typeof i.message === "string").map((i) => [String(i.path).split(".")[0], String(i.message)]),
    );
    return Object.keys(fields).length > 0 ? fields : { form: error.message };
  }
  return { form: error instanceof Error ? error.message : "Something went wrong." };
}
