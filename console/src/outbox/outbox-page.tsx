import { outboxPageSchema, type OutboxItem } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { api, wsPath } from "../lib/api";
import { formatDateTime } from "../lib/format";
import { useDebounced } from "../lib/use-debounced";
import { useResource } from "../lib/use-resource";
import { ErrorBanner } from "../ui/error-banner";
import { SearchInput } from "../ui/search-input";

const PAGE_SIZE = 25;

const STATUS_LABEL: Record<OutboxItem["status"], string> = { pending: "queued", sending: "sending", sent: "sent", failed: "failed" };

/**
 * Every e-mail of the workspace, newest first (without SMTP_URL the server keeps them here instead
 * of sending them, DESIGN.md §2). Pages follow a cursor: "Older" continues below the last e-mail
 * shown; the way back is the list of cursors already visited.
 */
export function OutboxPage() {
  const { workspaceId } = useWorkspace();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim());
  /** `before` of each page visited so far; the last one is the page shown. */
  const [trail, setTrail] = useState<{ q: string; cursors: (string | undefined)[] }>({ q: "", cursors: [undefined] });
  const cursors = trail.q === q ? trail.cursors : [undefined];
  const before = cursors.at(-1);
  const { data, error, loading } = useResource(
    (signal) =>
      api(wsPath(workspaceId, "/outbox"), {
        query: { pageSize: PAGE_SIZE, ...(before ? { before } : {}), ...(q ? { q } : {}) },
        schema: outboxPageSchema,
        signal,
      }),
    `${workspaceId}:${q}:${before ?? ""}`,
  );
  const items = data?.items ?? [];
  const nextBefore = data?.nextBefore ?? null;

  return (
    <section className="page">
      <header className="page-header">
        <h1>Outbox</h1>
        <span className="muted">Every e-mail the workspace sent or queued</span>
      </header>
      <div className="toolbar">
        <SearchInput value={search} onChange={setSearch} placeholder="Search by recipient" label="Search the outbox by recipient" testId="outbox-search" />
      </div>
      <ErrorBanner error={error} />
      <div className="mail-list" data-testid="outbox-list">
        {items.map((mail) => (
          <details key={mail.id} className="panel mail" data-testid="outbox-item" data-to={mail.to}>
            <summary>
              <span className="strong">{mail.subject}</span>
              <span className="muted"> to {mail.to}</span>
              <span className="muted mail-date">
                {formatDateTime(mail.createdAt)} · {STATUS_LABEL[mail.status]}
              </span>
            </summary>
            <pre className="mail-text" data-testid="outbox-text">{mail.text}</pre>
          </details>
        ))}
        {items.length === 0 && !loading ? <div className="empty">{q ? "No e-mail to a matching recipient." : "No e-mails yet."}</div> : null}
      </div>
      <div className="pager" data-testid="outbox-pager">
        <button
          type="button"
          className="btn btn-small"
          data-testid="outbox-pager-newer"
          disabled={cursors.length <= 1 || loading}
          onClick={() => setTrail({ q, cursors: cursors.slice(0, -1) })}
        >
          Newer
        </button>
        <span className="small">Page {cursors.length}</span>
        <button
          type="button"
          className="btn btn-small"
          data-testid="outbox-pager-older"
          disabled={!nextBefore || loading}
          onClick={() => nextBefore && setTrail({ q, cursors: [...cursors, nextBefore] })}
        >
          Older
        </button>
      </div>
    </section>
  );
}
