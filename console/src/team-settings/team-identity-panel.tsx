import type { Team } from "@switchboard/shared";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf } from "../lib/field-issues";
import { useAction } from "../lib/use-action";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorBanner } from "../ui/error-banner";
import { deleteTeam, patchTeam } from "./team-settings.api";

/** Rename (team settings over this team) and delete (workspace settings, only when empty), as the server checks. */
export function TeamIdentityPanel({ team, onRenamed }: { team: Team; onRenamed: (team: Team) => void }) {
  const { workspaceId, allows } = useWorkspace();
  const navigate = useNavigate();
  const [name, setName] = useState(team.name);
  const { busy, error, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const mayRename = allows("teams.settings", [team.id]);
  const mayDelete = allows("workspace.settings");
  if (!mayRename && !mayDelete) return null;

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => onRenamed(await patchTeam(workspaceId, team.id, { name })));
  };
  const remove = () =>
    run(async () => {
      try {
        await deleteTeam(workspaceId, team.id);
      } catch (err) {
        // The refusal (e.g. the team still has members) shows on the panel, not in a dialog left open.
        setConfirming(false);
        throw err;
      }
      navigate("/teams", { replace: true });
    });

  const nameError = fieldErrorsOf(error).name;
  return (
    <section className="panel team-identity" data-testid="team-identity">
      <form className="toolbar" onSubmit={rename}>
        {mayRename ? (
          <>
            <label className="field-label" htmlFor="team-name">
              Team name
            </label>
            <input id="team-name" data-testid="team-rename-name" value={name} aria-invalid={nameError ? true : undefined} onChange={(e) => setName(e.target.value)} required />
            <button type="submit" className="btn" data-testid="team-rename" disabled={busy || !name.trim() || name.trim() === team.name}>
              Rename
            </button>
          </>
        ) : null}
        {mayDelete ? (
          <span className="team-delete">
            {team.memberCount > 0 ? <span className="muted small">Only an empty team can be deleted.</span> : null}
            <button type="button" className="btn btn-danger-ghost" data-testid="team-delete" disabled={busy || team.memberCount > 0} onClick={() => setConfirming(true)}>
              Delete team
            </button>
          </span>
        ) : null}
      </form>
      {nameError ? <span className="field-error">{nameError}</span> : <ErrorBanner error={error} testId="team-identity-error" />}
      {confirming ? (
        <ConfirmDialog title={`Delete ${team.name}?`} confirmLabel={`Delete ${team.name}`} danger busy={busy} onConfirm={() => void remove()} onClose={() => setConfirming(false)}>
          <p>Its settings and locks are removed; its contacts keep their assignee but lose the team.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

