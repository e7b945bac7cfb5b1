import { listOf, outboxItemSchema } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { api, wsPath } from "../lib/api";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { ErrorBanner } from "../ui/error-banner";
import { Pager } from "../ui/pager";

const PAGE_SIZE = 25;

/** Without SMTP_URL the server keeps e-mails here instead of sending them (DESIGN.md §2). */
export function OutboxPage() {
  const { workspaceId } = useWorkspace();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useResource(
    (signal) => api(wsPath(workspaceId, "/outbox"), { query: { page, pageSize: PAGE_SIZE }, schema: listOf(outboxItemSchema), signal }),
    `${workspaceId}:${page}`,
  );
  const items = data?.items ?? [];

  return (
    <section className="page">
      <header className="page-header">
        <h1>Outbox</h1>
        <span className="muted">E-mails kept because no SMTP server is configured</span>
      </header>
      <ErrorBanner error={error} />
      <div className="mail-list" data-testid="outbox-list">
        {items.map((mail) => (
          <details key={mail.id} className="panel mail" data-testid="outbox-item" data-to={mail.to}>
            <summary>
              <span className="strong">{mail.subject}</span>
              <span className="muted"> to {mail.to}</span>
              <span className="muted mail-date">{formatDateTime(mail.createdAt)}</span>
            </summary>
            <pre className="mail-text" data-testid="outbox-text">{mail.text}</pre>
          </details>
        ))}
        {items.length === 0 && !loading ? <div className="empty">No e-mails yet.</div> : null}
      </div>
      <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onPage={setPage} testId="outbox-pager" />
    </section>
  );
}
