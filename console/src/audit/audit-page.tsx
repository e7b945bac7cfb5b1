import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { ErrorBanner } from "../ui/error-banner";
import { Pager } from "../ui/pager";
import { auditExportUrl, listAuditEvents } from "./audit.api";
import { targetLabel } from "./audit-target";
import { actionLabel, AuditFilters, EMPTY_FILTER, toAuditFilter, type AuditFilterForm } from "./audit-filters";
import { EmptyRow } from "../ui/empty-row";

const PAGE_SIZE = 50;
/** Times show in the reader's zone; the header names it so two readers comparing notes know which. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function AuditPage() {
  const { workspaceId, allows } = useWorkspace();
  const [page, setPage] = useState(1);
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_FILTER);
  const filter = toAuditFilter(form);
  const { data, error, loading } = useResource(
    (signal) => listAuditEvents(workspaceId, filter, page, PAGE_SIZE, signal),
    `${workspaceId}:${page}:${JSON.stringify(filter)}`,
  );
  const items = data?.items ?? [];
  const onFilter = (next: AuditFilterForm) => {
    setForm(next);
    setPage(1);
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>Audit log</h1>
        <span className="muted">Newest first</span>
        {allows("data.export") ? (
          <div className="page-actions">
            <a className="btn" href={auditExportUrl(workspaceId, filter)} download data-testid="audit-export">
              Export CSV
            </a>
          </div>
        ) : null}
      </header>
      <AuditFilters value={form} onChange={onFilter} />
      <ErrorBanner error={error} />
      {/* Focusable because on a phone the table scrolls sideways inside its box, and keyboards must reach that too. */}
      <table className={loading ? "table table-loading" : "table"} data-testid="audit-table" tabIndex={0} aria-label="Audit events">
        <thead>
          <tr>
            <th data-testid="audit-time-zone">When ({TIME_ZONE})</th>
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
                {event.changes.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <ul className="changes" data-testid="audit-changes">
                    {event.changes.map((line) => (
                      <li key={line} className="small">
                        {line}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
          {items.length === 0 && !loading ? (
            <EmptyRow columns={5}>{Object.keys(filter).length > 0 ? "No events match these filters." : "Nothing has happened yet."}</EmptyRow>
          ) : null}
        </tbody>
      </table>
      <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onPage={setPage} testId="audit-pager" />
    </section>
  );
}
