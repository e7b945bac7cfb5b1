import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { ErrorBanner } from "../ui/error-banner";
import { Pager } from "../ui/pager";
import { listAuditEvents } from "./audit.api";
import { AuditChange, targetLabel } from "./audit-change";

const PAGE_SIZE = 50;

/** "member.roles_changed" → "Member roles changed"; the stable name stays in the tooltip. */
const actionLabel = (action: string) => {
  const words = action.replace(/[._]/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function AuditPage() {
  const { workspaceId } = useWorkspace();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useResource((signal) => listAuditEvents(workspaceId, page, PAGE_SIZE, signal), `${workspaceId}:${page}`);
  const items = data?.items ?? [];

  return (
    <section className="page">
      <header className="page-header">
        <h1>Audit log</h1>
        <span className="muted">Newest first</span>
      </header>
      <ErrorBanner error={error} />
      {/* Focusable because on a phone the table scrolls sideways inside its box, and keyboards must reach that too. */}
      <table className={loading ? "table table-loading" : "table"} data-testid="audit-table" tabIndex={0} aria-label="Audit events">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {items.map((event) => (
            <tr key={event.id} data-testid="audit-row" data-action={event.action}>
              <td className="nowrap">{formatDateTime(event.at)}</td>
              <td>{event.actor?.name ?? "System"}</td>
              <td>
                <span className="action" title={event.action}>
                  {actionLabel(event.action)}
                </span>
              </td>
              <td>{targetLabel(event.target)}</td>
              <td>
                <AuditChange before={event.before} after={event.after} />
              </td>
            </tr>
          ))}
          {items.length === 0 && !loading ? (
            <tr>
              <td colSpan={5} className="empty">
                Nothing has happened yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onPage={setPage} testId="audit-pager" />
    </section>
  );
}
