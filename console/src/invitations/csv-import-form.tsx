import { CSV_IMPORT_LIMITS, CSV_LIST_SEPARATOR, type CsvColumnMapping, type CsvColumnsReport, type Role, csvColumnsReportSchema } from "@switchboard/shared";
import { useEffect, useState, type ChangeEvent, type FormEvent } from "react";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf } from "../lib/field-issues";
import { ErrorBanner } from "../ui/error-banner";
import { useUnsavedChangesWarning } from "../ui/use-unsaved-changes-warning";
import { AccessPickers } from "./access-pickers";
import { ColumnMapping } from "./column-mapping";
import { ImportProgressBar } from "./import-progress";
import { ApiError } from "../lib/api";
import { importInvitationsCsv, type InviteReport } from "./invitations.api";
import { InviteReportTable } from "./invite-report";

const MAX_MB = CSV_IMPORT_LIMITS.maxBytes / 1024 / 1024;
/** Ticking several role and team boxes in a row asks for one preview, not one per click. */
const PREVIEW_DELAY_MS = 250;

/** A refused header still says how the server read it (`details.columns`): the mapping step starts there. */
function columnsOf(err: unknown): CsvColumnsReport | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const read = (err.details as { columns?: unknown } | undefined)?.columns;
  return csvColumnsReportSchema.safeParse(read).data;
}

/**
 * Seed 000: one role set and one team set for the whole file. The preview is the server's dry run
 * of the file with the current choice, so the console parses no CSV of its own: what it shows is
 * exactly what the import will do.
 */
export function CsvImportForm({ onInvited }: { onInvited: () => void }) {
  const { workspaceId } = useWorkspace();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<InviteReport>();
  const [roles, setRoles] = useState<Role[]>([]);
  const [teams, setTeams] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [report, setReport] = useState<InviteReport>();
  const [busy, setBusy] = useState(false);
  const [progressId, setProgressId] = useState<string>();
  // How the server read the header, and the uploader's corrections (undefined: its guess stands).
  const [columns, setColumns] = useState<CsvColumnsReport>();
  const [mapping, setMapping] = useState<CsvColumnMapping>();

  useEffect(() => {
    if (!file || report) return;
    let current = true;
    const timer = setTimeout(() => {
      importInvitationsCsv(workspaceId, file, roles, teams, true, undefined, mapping).then(
        (next) => {
          if (!current) return;
          setPreview(next);
          if (next.columns) setColumns(next.columns);
          setFailure(undefined);
        },
        (err: unknown) => {
          if (!current) return;
          setPreview(undefined);
          const read = columnsOf(err);
          if (read) setColumns(read);
          setFailure(err);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [workspaceId, file, roles, teams, report, mapping]);

  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0] ?? null;
    setReport(undefined);
    setPreview(undefined);
    setFailure(undefined);
    setProblem(null);
    setColumns(undefined);
    setMapping(undefined);
    if (chosen && chosen.size > CSV_IMPORT_LIMITS.maxBytes) {
      setFile(null);
      setProblem(`The file is larger than ${MAX_MB} MB. Split it into smaller files.`);
      return;
    }
    setFile(chosen);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setProblem("Choose a CSV file first.");
    setFailure(undefined);
    setBusy(true);
    // The check-only preview goes as the import starts: next to the result it would read as stale.
    setPreview(undefined);
    // Not crypto.randomUUID: it exists only in secure contexts, and a console may be served over plain http on a LAN.
    const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
    setProgressId(id);
    try {
      setReport(await importInvitationsCsv(workspaceId, file, roles, teams, false, id, mapping));
      onInvited();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
      setProgressId(undefined);
    }
  };

  useUnsavedChangesWarning(
    file !== null && !report,
    busy
      ? "Leave this page? The import goes on, but you will not see its progress or its report here."
      : "Leave this page? The file you chose has not been imported.",
  );

  // Rows name their own roles and teams or take the file-wide choice; the dry run says which rows
  // lack both, so sending waits until it finds someone to invite.
  const anyoneToInvite = preview?.results.some((row) => row.status === "invited") ?? false;
  const fields = fieldErrorsOf(failure);
  return (
    <form className="form panel" onSubmit={(e) => void submit(e)} noValidate data-testid="csv-form">
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
          A header row with <code>name</code>, <code>email</code> (or “Full Name”, “E-mail Address”…; you can say which column is which) and optionally <code>phone</code>, <code>roles</code>, <code>teams</code> (several values separated by <code>{CSV_LIST_SEPARATOR}</code>; they override the choice below for that row); comma or semicolon separated; up to{" "}
          {CSV_IMPORT_LIMITS.maxRows.toLocaleString()} rows and {MAX_MB} MB.
        </span>
      </label>
      {columns && !report ? <ColumnMapping columns={columns} mapping={mapping} onChange={setMapping} /> : null}
      {preview && !busy ? (
        <>
          <p className="muted" data-testid="csv-dry-run-note">
            Check only: nobody has been invited yet.
          </p>
          <InviteReportTable report={preview} testId="csv-preview" />
        </>
      ) : null}
      <AccessPickers prefix="csv" roles={roles} teams={teams} onRoles={setRoles} onTeams={setTeams} errors={{ roles: fields.roles, teams: fields.teams }} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid="csv-submit" disabled={busy || !anyoneToInvite}>
          {busy ? "Importing…" : "Import and invite"}
        </button>
      </div>
      <ImportProgressBar workspaceId={workspaceId} progressId={progressId} />
      {report ? <InviteReportTable report={report} /> : null}
    </form>
  );
}
