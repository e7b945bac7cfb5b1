import { inviteeSchema, type Role } from "@switchboard/shared";
import { useState, type FormEvent } from "react";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf, type FieldErrors } from "../lib/field-issues";
import { ErrorBanner } from "../ui/error-banner";
import { useUnsavedChangesWarning } from "../ui/use-unsaved-changes-warning";
import { AccessPickers } from "./access-pickers";
import { inviteMembers, type InviteReport } from "./invitations.api";
import { InviteReportTable } from "./invite-report";
import { EMPTY_INVITEE, InviteeRows, type InviteeDraft } from "./invitee-rows";

const isBlank = (row: InviteeDraft) => !row.name.trim() && !row.email.trim() && !row.phone.trim();

/** Checks rows with the shared invitee schema before sending; keys errors by form row. */
function checkDrafts(rows: InviteeDraft[], roles: Role[], teams: string[]) {
  const errors: FieldErrors = {};
  const sent: number[] = [];
  rows.forEach((row, index) => {
    if (isBlank(row)) return;
    sent.push(index);
    const parsed = inviteeSchema.safeParse({ name: row.name, email: row.email, phone: row.phone.trim() || undefined });
    if (!parsed.success) for (const issue of parsed.error.issues) errors[`${index}.${issue.path.join(".")}`] ??= issue.message;
  });
  if (sent.length === 0) errors["0.email"] = "Add at least one person to invite";
  // A row's own choice stands in for the batch's; the batch's is needed only for rows without one.
  if (roles.length === 0 && sent.some((i) => !rows[i]!.role)) errors.roles = "Pick a role for everyone, or one in each row";
  if (teams.length === 0 && sent.some((i) => !rows[i]!.team)) errors.teams = "Pick a team for everyone, or one in each row";
  return { errors, sent };
}

/** Server paths are `invitees.<sent index>.<field>`; turn them back into form rows. */
function toRowErrors(error: unknown, sent: number[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
    const match = /^invitees\.(\d+)\.(\w+)/.exec(path);
    if (match) out[`${sent[Number(match[1])] ?? 0}.${match[2]}`] ??= message;
    else out[path] ??= message;
  }
  return out;
}

export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { workspaceId } = useWorkspace();
  const [rows, setRows] = useState<InviteeDraft[]>([EMPTY_INVITEE]);
  const [roles, setRoles] = useState<Role[]>([]);
  const [teams, setTeams] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>();
  const [report, setReport] = useState<InviteReport>();
  const [busy, setBusy] = useState(false);

  const dirty = rows.some((row) => !isBlank(row) || row.role !== "" || row.team !== "") || roles.length > 0 || teams.length > 0;
  useUnsavedChangesWarning(dirty && !busy, "Leave this page? The invitations you have not sent will be lost.");

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const { errors: local, sent } = checkDrafts(rows, roles, teams);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const invitees = sent.map((i) => {
        const row = rows[i]!;
        return {
          name: row.name,
          email: row.email,
          ...(row.phone.trim() ? { phone: row.phone } : {}),
          ...(row.role ? { roles: [row.role] } : {}),
          ...(row.team ? { teams: [row.team] } : {}),
        };
      });
      const result = await inviteMembers(workspaceId, { invitees, ...(roles.length ? { roles } : {}), ...(teams.length ? { teams } : {}) });
      setReport(result);
      // Keep only the rows the server refused, so they can be fixed and sent again.
      const refused = sent.filter((_, k) => result.results[k]?.status === "invalid").map((i) => rows[i]!);
      setRows(refused.length ? refused : [EMPTY_INVITEE]);
      // The next batch starts from nothing: yesterday's "admin" must not ride along unnoticed.
      if (refused.length === 0) {
        setRoles([]);
        setTeams([]);
      }
      onInvited();
    } catch (err) {
      setErrors(toRowErrors(err, sent));
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate data-testid="invite-form">
      <ErrorBanner error={failure} testId="invite-error" />
      <InviteeRows rows={rows} onChange={setRows} errors={errors} />
      <AccessPickers prefix="invite" roles={roles} teams={teams} onRoles={setRoles} onTeams={setTeams} errors={{ roles: errors.roles, teams: errors.teams }} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid="invite-submit" disabled={busy}>
          {busy ? "Sending…" : "Send invitations"}
        </button>
      </div>
      {report ? <InviteReportTable report={report} /> : null}
    </form>
  );
}
