import { type InteractionKind, type InteractionState } from "@switchboard/shared";
import { Link, useSearchParams } from "react-router-dom";
import { useWorkspace } from "../app/session-context";
import { MemberPicker } from "../members/member-picker";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { useNow } from "../presence/use-presence";
import { listQueues } from "../queues/queues.api";
import { ErrorBanner } from "../ui/error-banner";
import { Options } from "../ui/options";
import { PageHeader } from "../ui/page-header";
import { Pager } from "../ui/pager";
import { customerOf, dayStartIso, handleText, STATE_LABEL, waitText } from "./interaction-format";
import { listInteractions, type InteractionFilters } from "./interactions.api";
import "./interactions.css";

const PAGE_SIZE = 25;
const FILTER_KEYS = ["queue", "agent", "kind", "state", "from", "to"] as const;

/** /interactions: calls and chats, newest first, filtered in the URL so a view can be shared. */
export function InteractionsPage() {
  const { workspaceId } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const queues = useResource((signal) => listQueues(workspaceId, signal), workspaceId);
  const now = useNow(5_000);
  const get = (key: string) => params.get(key) ?? "";
  const page = Math.max(1, Number(get("page")) || 1);
  const filters: InteractionFilters = {
    queue: get("queue") || undefined,
    agent: get("agent") || undefined,
    kind: (get("kind") || undefined) as InteractionKind | undefined,
    state: (get("state") || undefined) as InteractionState | undefined,
    from: dayStartIso(get("from")),
    to: dayStartIso(get("to"), true),
    page,
    pageSize: PAGE_SIZE,
  };
  const { data, error, loading } = useResource((signal) => listInteractions(workspaceId, filters, signal), JSON.stringify([workspaceId, filters]));
  const items = data?.items ?? [];

  const setParam = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== "page") next.delete("page");
        return next;
      },
      { replace: true },
    );
  const filtered = FILTER_KEYS.some((key) => params.has(key));

  return (
    <section className="page">
      <PageHeader title="Interactions" count={{ total: data?.total, noun: "interaction", testId: "interactions-total" }} />
      <div className="toolbar" data-testid="interactions-filters">
        <select aria-label="Queue" data-testid="filter-queue" value={get("queue")} onChange={(e) => setParam("queue", e.target.value)}>
          <Options blank="All queues" choices={(queues.data?.items ?? []).map((q) => ({ value: q.id, label: q.name }))} />
        </select>
        <MemberPicker label="Agent" noneLabel="All agents" testId="filter-agent" value={get("agent")} onChange={(agent) => setParam("agent", agent)} />
        <select aria-label="Kind" data-testid="filter-kind" value={get("kind")} onChange={(e) => setParam("kind", e.target.value)}>
          <option value="">Calls and chats</option>
          <option value="chat">Chats</option>
          <option value="call">Calls</option>
        </select>
        <select aria-label="State" data-testid="filter-state" value={get("state")} onChange={(e) => setParam("state", e.target.value)}>
          <Options blank="Any state" choices={Object.entries(STATE_LABEL).map(([value, label]) => ({ value, label }))} />
        </select>
        <label className="inline-field">
          From <input type="date" data-testid="filter-from" value={get("from")} onChange={(e) => setParam("from", e.target.value)} />
        </label>
        <label className="inline-field">
          To <input type="date" data-testid="filter-to" value={get("to")} onChange={(e) => setParam("to", e.target.value)} />
        </label>
        {filtered ? (
          <button type="button" className="btn btn-ghost btn-small" data-testid="filter-clear" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            Clear filters
          </button>
        ) : null}
      </div>
      <ErrorBanner error={error} />
      <table className={loading ? "table table-loading" : "table"} data-testid="interactions-table" aria-busy={loading}>
        <thead>
          <tr>
            <th>Started</th>
            <th>Kind</th>
            <th>Queue</th>
            <th>Customer</th>
            <th>Agent</th>
            <th>State</th>
            <th className="num">Wait</th>
            <th className="num">Handled</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-testid="interactions-row" data-interaction-id={i.id} data-state={i.state}>
              <td className="nowrap">
                <Link to={`/interactions/${i.id}`} data-testid="interaction-open">
                  {formatDateTime(i.enqueuedAt)}
                </Link>
              </td>
              <td>{i.kind === "chat" ? "Chat" : "Call"}</td>
              <td>{i.queue.name}</td>
              <td>{customerOf(i)}</td>
              <td>{i.agent ? i.agent.name : <span className="muted">—</span>}</td>
              <td>
                <span className={`pill state-${i.state}`}>{STATE_LABEL[i.state]}</span>
              </td>
              <td className="num">{waitText(i, now)}</td>
              <td className="num">{handleText(i, now)}</td>
            </tr>
          ))}
          {items.length === 0 && !loading ? (
            <tr>
              <td colSpan={8} className="empty" data-testid="interactions-empty">
                {filtered ? "No interaction matches these filters." : "No calls or chats yet."}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onPage={(p) => setParam("page", String(p))} testId="interactions-pager" />
    </section>
  );
}
