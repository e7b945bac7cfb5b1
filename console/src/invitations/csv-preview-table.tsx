import type { CsvPreview } from "./csv-preview";

const SHOWN_ROWS = 200;

export function CsvPreviewTable({ preview }: { preview: CsvPreview }) {
  const invalid = preview.rows.filter((r) => r.problem).length;
  return (
    <div className="report" data-testid="csv-preview">
      <p className="report-summary">
        <span className="pill" data-testid="csv-preview-count">{preview.rows.length} rows</span>
        {invalid ? (
          <span className="pill pill-invalid" data-testid="csv-preview-invalid">
            {invalid} with problems (they will be skipped)
          </span>
        ) : null}
      </p>
      <div className="scroll-box">
        <table className="table table-compact">
          <thead>
            <tr>
              <th className="num">Line</th>
              <th>Name</th>
              <th>E-mail</th>
              <th>Phone</th>
              <th>Check</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.slice(0, SHOWN_ROWS).map((r) => (
              <tr key={r.line} data-testid="csv-preview-row" data-valid={r.problem ? "false" : "true"}>
                <td className="num">{r.line}</td>
                <td>{r.name}</td>
                <td>{r.email}</td>
                <td className="mono">{r.phone}</td>
                <td className={r.problem ? "field-error" : "ok"}>{r.problem ?? "OK"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.rows.length > SHOWN_ROWS ? <p className="muted small">Showing the first {SHOWN_ROWS} rows.</p> : null}
    </div>
  );
}
