import { ROLES, type MemberBulk, type MemberBulkAction, type MemberBulkResult, type Role } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { capitalize } from "../lib/format";
import type { TeamSummary } from "../teams/teams.api";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorBanner } from "../ui/error-banner";
import { Options } from "../ui/options";
import { bulkMembers, type MemberRow } from "./members.api";

const ACTION_LABELS: Record<MemberBulkAction, string> = {
  addToTeam: "Add to team",
  removeFromTeam: "Remove from team",
  changeRoles: "Change role",
  revoke: "Revoke access",
};

interface MembersBulkBarProps {
  selected: readonly MemberRow[];
  teams: readonly TeamSummary[];
  onDone: () => void;
}

/** What to do with the selected members; the server answers member by member, shown under the bar. */
export function MembersBulkBar({ selected, teams, onDone }: MembersBulkBarProps) {
  const { workspaceId, allows } = useWorkspace();
  const actions = (Object.keys(ACTION_LABELS) as MemberBulkAction[]).filter(
    (action) => (action !== "revoke" || allows("members.revoke")) && (action !== "changeRoles" || allows("members.changeRoles")),
  );
  const [action, setAction] = useState<MemberBulkAction>("addToTeam");
  const [team, setTeam] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [report, setReport] = useState<{ results: MemberBulkResult["results"]; names: Map<string, string> }>();
  const needsTeam = action === "addToTeam" || action === "removeFromTeam";
  const teamName = teams.find((t) => t.id === team)?.name ?? "";
  const ready = selected.length > 0 && (!needsTeam || team !== "");

  const body = (): MemberBulk => {
    const userIds = selected.map((m) => m.userId);
    if (action === "revoke") return { action, userIds };
    if (action === "changeRoles") return { action, userIds, roles: [role] };
    return { action, userIds, team };
  };

  const apply = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { results } = await bulkMembers(workspaceId, body());
      setReport({ results, names: new Map(selected.map((m) => [m.userId, m.name])) });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const count = (status: string) => report?.results.filter((r) => r.status === status).length ?? 0;
  const problems = report?.results.filter((r) => r.status === "refused" || r.status === "failed") ?? [];
  const what = `${ACTION_LABELS[action].toLowerCase()}${needsTeam ? ` “${teamName}”` : action === "changeRoles" ? ` to ${capitalize(role)}` : ""}`;

  return (
    <div className="bulk-bar" data-testid="members-bulk">
      <div className="toolbar">
        <span className="strong" data-testid="members-bulk-count">
          {selected.length} selected
        </span>
        <select aria-label="Bulk action" data-testid="members-bulk-action" value={action} onChange={(e) => setAction(e.target.value as MemberBulkAction)}>
          {actions.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </select>
        {needsTeam ? (
          <select aria-label="Team for the bulk action" data-testid="members-bulk-team" value={team} onChange={(e) => setTeam(e.target.value)}>
            <Options blank="Choose a team…" choices={teams.map((t) => ({ value: t.id, label: t.name }))} />
          </select>
        ) : null}
        {action === "changeRoles" ? (
          <select aria-label="New role" data-testid="members-bulk-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {capitalize(r)}
              </option>
            ))}
          </select>
        ) : null}
        <button type="button" className={action === "revoke" ? "btn btn-danger" : "btn btn-primary"} data-testid="members-bulk-apply" disabled={!ready || busy} onClick={() => setConfirming(true)}>
          {ACTION_LABELS[action]} for {selected.length}
        </button>
      </div>
      <ErrorBanner error={error} testId="members-bulk-error" />
      {report ? (
        <div className={problems.length ? "banner banner-error" : "banner banner-ok"} role="status" data-testid="members-bulk-report">
          <p>
            {count("done")} changed, {count("unchanged")} already so, {problems.length} not changed.
          </p>
          {problems.length ? (
            <ul>
              {problems.map((r) => (
                <li key={r.userId} data-testid="members-bulk-problem" data-user-id={r.userId} data-code={r.code}>
                  <strong>{report.names.get(r.userId) ?? r.userId}</strong>: {r.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog title={`${ACTION_LABELS[action]} for ${selected.length} members?`} confirmLabel={`${ACTION_LABELS[action]} for ${selected.length}`} danger={action === "revoke"} busy={busy} onConfirm={apply} onClose={() => setConfirming(false)}>
          <p>
            This will {what} for: {selected.slice(0, 5).map((m) => m.name).join(", ")}
            {selected.length > 5 ? ` and ${selected.length - 5} more` : ""}. Each member is checked on their own; you will see who could not be changed and why.
          </p>
          {action === "revoke" ? <p>Their sessions end at once and their contacts become unassigned.</p> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
