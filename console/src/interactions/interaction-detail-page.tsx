import type { ChatMessage, InteractionDetail } from "@switchboard/shared";
import { Link, useParams } from "react-router-dom";
import { useWorkspace } from "../app/session-context";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { ErrorBanner } from "../ui/error-banner";
import { Loading } from "../ui/loading";
import { customerOf, handleText, OUTCOME_LABEL, STATE_LABEL, waitText } from "./interaction-format";
import { fetchInteraction } from "./interactions.api";
import "./interactions.css";

/** /interactions/:id: one call or chat, its offers and, for a chat, the transcript (masked per the reader by the server). */
export function InteractionDetailPage() {
  const { workspaceId } = useWorkspace();
  const { interactionId = "" } = useParams();
  const { data, error, loading } = useResource((signal) => fetchInteraction(workspaceId, interactionId, signal), `${workspaceId}/${interactionId}`);

  return (
    <section className="page">
      <header className="page-header">
        <Link to="/interactions" className="btn btn-ghost btn-small" data-testid="interaction-back">
          ← Interactions
        </Link>
        <h1>{data ? `${data.kind === "chat" ? "Chat" : "Call"} with ${customerOf(data)}` : "Interaction"}</h1>
      </header>
      <ErrorBanner error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? <InteractionDetailView interaction={data} /> : null}
    </section>
  );
}

function InteractionDetailView({ interaction: i }: { interaction: InteractionDetail }) {
  return (
    <div className="interaction-detail">
      <div className="panel">
        <dl className="facts" data-testid="interaction-facts">
          <dt>State</dt>
          <dd>
            <span className={`pill state-${i.state}`} data-testid="interaction-state">
              {STATE_LABEL[i.state]}
            </span>
            {i.closedBy ? <span className="muted small"> ended by the {i.closedBy}</span> : null}
          </dd>
          <dt>Queue</dt>
          <dd>{i.queue.name}</dd>
          <dt>Agent</dt>
          <dd>{i.agent?.name ?? "—"}</dd>
          <dt>Customer</dt>
          <dd data-testid="interaction-customer">
            {i.contact.name ?? "—"}
            {i.contact.email ? <div className="small">{i.contact.email}</div> : null}
            {i.contact.phone ? <div className="small mono">{i.contact.phone}</div> : null}
          </dd>
          <dt>Started</dt>
          <dd>{formatDateTime(i.enqueuedAt)}</dd>
          <dt>Wait</dt>
          <dd>{waitText(i)}</dd>
          <dt>Handled</dt>
          <dd>{handleText(i)}</dd>
        </dl>
        <h2 className="section-title">Offers</h2>
        {i.offers.length === 0 ? (
          <p className="muted">Not offered to anyone.</p>
        ) : (
          <ol className="offers" data-testid="interaction-offers">
            {i.offers.map((offer) => (
              <li key={offer.id} data-testid="interaction-offer" data-outcome={offer.outcome ?? "ringing"}>
                <span className="strong">{offer.agent.name}</span> · {offer.outcome ? OUTCOME_LABEL[offer.outcome] : "Ringing"}
                <span className="muted small"> {formatDateTime(offer.createdAt)}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
      {i.kind === "chat" ? (
        <div className="panel transcript-panel">
          <h2>Transcript</h2>
          <Transcript messages={i.messages} />
        </div>
      ) : null}
    </div>
  );
}

/** Text only: each message is a text node, so markup anyone typed shows as typed (DESIGN.md §13). */
function Transcript({ messages }: { messages: readonly ChatMessage[] }) {
  if (messages.length === 0) return <p className="muted">No messages.</p>;
  return (
    <ol className="transcript" data-testid="transcript">
      {messages.map((m) => (
        <li key={m.id} className={`transcript-line transcript-${m.from}`} data-testid="transcript-message" data-from={m.from}>
          <div className="transcript-meta">
            <span className="strong">{m.from === "system" ? "Switchboard" : (m.authorName ?? (m.from === "agent" ? "Agent" : "Visitor"))}</span>
            <span className="muted small"> {formatDateTime(m.at)}</span>
          </div>
          <div className="transcript-text" data-testid="transcript-text">
            {m.text}
          </div>
        </li>
      ))}
    </ol>
  );
}
