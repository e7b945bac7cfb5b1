import { useState } from "react";
import type { InviteReport } from "./invitations.api";

/** A 10,000-row file's report is read by its problems; the full list is one click away. */
const FIRST_ROWS = 200;

const STATUS_LABEL: Record<string, string> = {
  invited: "Invited",
  already_member: "Already a member",
  already_invited: "Already invited",
  invalid: "Invalid",
};

/**
 * The per-row outcome of a manual or CSV invite, or of the server's dry run of a CSV file (the
 * preview: `testId="csv-preview"`, where "Invited" means "would be invited").
 */
export function InviteReportTable({ report, testId = "invite-report" }: { report: InviteReport; testId?: string }) {
  const [showAll, setShowAll] = useState(false);
  const counts: Record<string, number> = {};
  for (const r of report.results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const numbered = report.results.map((r, i) => ({ ...r, row: r.row ?? i + 1 }));
  // Rows that need attention first; within each group, file order.
  const ordered = showAll ? numbered : [...numbered.filter((r) => r.status !== "invited"), ...numbered.filter((r) => r.status === "invited")].slice(0, FIRST_ROWS);
  return (
    <div className="report" data-testid={testId}>
      <p className="report-summary">
        {Object.entries(counts).map(([status, n]) => (
          <span key={status} className={`pill pill-${status}`} data-testid={`${testId}-count-${status}`}>
            {STATUS_LABEL[status] ?? status}: {n}
          </span>
        ))}
      </p>
      {/* Focusable: at 390 px the table scrolls sideways inside its box, and keyboards must reach it. */}
      <table className="table table-compact" tabIndex={0} aria-label={testId === "csv-preview" ? "Check of the file, row by row" : "Result, row by row"}>
        <thead>
          <tr>
            <th className="num">Row</th>
            <th>E-mail</th>
            <th>Result</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((r) => (
            <tr key={`${r.row}-${r.email}`} data-testid={`${testId}-row`} data-status={r.status} data-email={r.email}>
              <td className="num">{r.row}</td>
              <td>{r.email || "—"}</td>
              <td>
                <span className={`pill pill-${r.status}`}>{STATUS_LABEL[r.status] ?? r.status}</span>
              </td>
              <td className="muted">{r.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ordered.length < numbered.length ? (
        <p className="muted">
          Showing {ordered.length.toLocaleString()} of {numbered.length.toLocaleString()} rows, those needing attention first.{" "}
          <button type="button" className="btn btn-ghost" data-testid={`${testId}-show-all`} onClick={() => setShowAll(true)}>
            Show all {numbered.length.toLocaleString()} rows
          </button>
        </p>
      ) : null}
    </div>
  );
}
