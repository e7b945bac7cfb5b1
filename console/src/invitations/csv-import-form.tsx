import { CSV_IMPORT_LIMITS, CSV_LIST_SEPARATOR, type Role } from "@switchboard/shared";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf } from "../lib/field-issues";
import { ErrorBanner } from "../ui/error-banner";
import { AccessPickers } from "./access-pickers";
import { previewCsv, type CsvPreview } from "./csv-preview";
import { CsvPreviewTable } from "./csv-preview-table";
import { importInvitationsCsv, type InviteReport } from "./invitations.api";
import { InviteReportTable } from "./invite-report";

const MAX_MB = CSV_IMPORT_LIMITS.maxBytes / 1024 / 1024;

/** Seed 000: one role set and one team set for the whole file. */
export function CsvImportForm({ onInvited }: { onInvited: () => void }) {
  const { workspaceId } = useWorkspace();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview>();
  const [roles, setRoles] = useState<Role[]>([]);
  const [teams, setTeams] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [report, setReport] = useState<{ dryRun: boolean; data: InviteReport }>();
  const [busy, setBusy] = useState(false);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0] ?? null;
    setFile(chosen);
    setReport(undefined);
    setPreview(undefined);
    setProblem(null);
    if (!chosen) return;
    if (chosen.size > CSV_IMPORT_LIMITS.maxBytes) {
      setProblem(`The file is larger than ${MAX_MB} MB. Split it into smaller files.`);
      return;
    }
    const next = previewCsv(await chosen.text());
    setPreview(next);
    if (next.rows.length > CSV_IMPORT_LIMITS.maxRows) setProblem(`The file has more than ${CSV_IMPORT_LIMITS.maxRows.toLocaleString()} rows.`);
    else setProblem(next.fileProblem);
  };

  const send = async (dryRun: boolean) => {
    setFailure(undefined);
    if (!file) return setProblem("Choose a CSV file first.");
    // Per-row roles/teams columns make the file-wide choice a fallback rather than mandatory.
    if ((!roles.length && !preview?.hasRolesColumn) || (!teams.length && !preview?.hasTeamsColumn)) {
      return setProblem("Pick at least one role and one team for the people in the file.");
    }
    setProblem(null);
    setBusy(true);
    try {
      setReport({ dryRun, data: await importInvitationsCsv(workspaceId, file, roles, teams, dryRun) });
      if (!dryRun) onInvited();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(false);
  };

  const fields = fieldErrorsOf(failure);
  return (
    <form className="form panel" onSubmit={submit} noValidate data-testid="csv-form">
      <ErrorBanner error={failure} testId="csv-error" />
      {problem ? (
        <div className="banner banner-error" role="alert" data-testid="csv-problem">
          {problem}
        </div>
      ) : null}
      <label className="field">
        <span className="field-label">CSV file *</span>
        <input type="file" accept=".csv,text/csv" data-testid="csv-file" onChange={pick} />
        <span className="field-hint">
          A header row with <code>name</code>, <code>email</code> and optionally <code>phone</code>, <code>roles</code>, <code>teams</code> (several values separated by <code>{CSV_LIST_SEPARATOR}</code>; they override the choice below for that row); comma or semicolon separated; up to{" "}
          {CSV_IMPORT_LIMITS.maxRows.toLocaleString()} rows and {MAX_MB} MB.
        </span>
      </label>
      {preview && preview.rows.length ? <CsvPreviewTable preview={preview} /> : null}
      <AccessPickers prefix="csv" roles={roles} teams={teams} onRoles={setRoles} onTeams={setTeams} errors={{ roles: fields.roles, teams: fields.teams }} />
      <div className="form-actions">
        <button type="button" className="btn" data-testid="csv-check" disabled={busy || !file} onClick={() => void send(true)}>
          Check without sending
        </button>
        <button type="submit" className="btn btn-primary" data-testid="csv-submit" disabled={busy || !file}>
          {busy ? "Working…" : "Import and invite"}
        </button>
      </div>
      {report?.dryRun ? (
        <p className="muted" data-testid="csv-dry-run-note">
          Check only: nobody has been invited yet.
        </p>
      ) : null}
      {report ? <InviteReportTable report={report.data} /> : null}
    </form>
  );
}
