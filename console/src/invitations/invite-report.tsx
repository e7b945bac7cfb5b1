import type { InviteReport } from "./invitations.api";

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
  const counts = report.results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  return (
    <div className="report" data-testid={testId}>
      <p className="report-summary">
        {Object.entries(counts).map(([status, n]) => (
          <span key={status} className={`pill pill-${status}`} data-testid={`${testId}-count-${status}`}>
            {STATUS_LABEL[status] ?? status}: {n}
          </span>
        ))}
      </p>
      <table className="table table-compact">
        <thead>
          <tr>
            <th className="num">Row</th>
            <th>E-mail</th>
            <th>Result</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {report.results.map((r, i) => (
            <tr key={`${r.row ?? i}-${r.email}`} data-testid={`${testId}-row`} data-status={r.status} data-email={r.email}>
              <td className="num">{r.row ?? i + 1}</td>
              <td>{r.email || "—"}</td>
              <td>
                <span className={`pill pill-${r.status}`}>{STATUS_LABEL[r.status] ?? r.status}</span>
              </td>
              <td className="muted">{r.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
