import { useState, type FormEvent } from "react";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf } from "../lib/field-issues";
import { useAction } from "../lib/use-action";
import { TeamSettingsLink } from "../team-settings/team-settings-link";
import { ErrorBanner } from "../ui/error-banner";
import { Loading } from "../ui/loading";
import { createTeam } from "./teams.api";
import { useTeams } from "./use-teams";
import { EmptyRow } from "../ui/empty-row";

export function TeamsPage() {
  const { workspaceId, allows } = useWorkspace();
  const { teams, loading, error, reload } = useTeams();
  // Creating a team shapes the workspace, so it takes workspace settings (as the server checks).
  const mayCreate = allows("workspace.settings");

  return (
    <section className="page">
      <header className="page-header">
        <h1>Teams</h1>
        <span className="muted">{teams.length} teams</span>
      </header>
      {mayCreate ? <NewTeamForm workspaceId={workspaceId} onCreated={reload} /> : null}
      <ErrorBanner error={error} />
      {loading && teams.length === 0 ? (
        <Loading />
      ) : (
        <table className="table" data-testid="teams-table">
          <thead>
            <tr>
              <th>Team</th>
              <th className="num">Members</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.id} data-testid="teams-row" data-team-id={team.id}>
                <td className="strong">{team.name}</td>
                <td className="num">{team.memberCount}</td>
                <td className="actions">
                  <TeamSettingsLink teamId={team.id} />
                </td>
              </tr>
            ))}
            {teams.length === 0 ? <EmptyRow columns={3}>No teams yet.</EmptyRow> : null}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewTeamForm({ workspaceId, onCreated }: { workspaceId: string; onCreated: () => void }) {
  const [name, setName] = useState("");
  const { busy, error, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await createTeam(workspaceId, name);
      setName("");
      onCreated();
    });
  };

  const nameError = fieldErrorsOf(error).name;
  return (
    <form className="toolbar" onSubmit={submit}>
      <input
        data-testid="team-new-name"
        placeholder="New team name"
        value={name}
        aria-invalid={nameError ? true : undefined}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <button type="submit" className="btn btn-primary" data-testid="team-create" disabled={busy || !name.trim()}>
        Create team
      </button>
      {error ? <span className="field-error">{nameError ?? (error instanceof Error ? error.message : "")}</span> : null}
    </form>
  );
}
