import { canLockSettings, checkWorkspaceSettingsRead, type Actor, type SettingsField, type Team, type WorkspaceSettings } from "@switchboard/shared";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { useWorkspace } from "../app/session-context";
import { countOf } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { inheritedOf, resolveWorkspaceLevel } from "../settings/inherited";
import { SaveBar } from "../settings/save-bar";
import { fetchWorkspaceSettings } from "../settings/settings.api";
import { SettingsEditor } from "../settings/settings-editor";
import { sameJson, useSettingsDraft } from "../settings/use-settings-draft";
import { ErrorBanner } from "../ui/error-banner";
import { Loading } from "../ui/loading";
import { TeamIdentityPanel } from "./team-identity-panel";
import { fetchTeam, patchTeam } from "./team-settings.api";
import { BackCrumb } from "../ui/back-crumb";

interface Loaded {
  team: Team;
  /** Null when the reader may not see workspace defaults (a manager restricted from them). */
  workspace: WorkspaceSettings | null;
}

async function loadTeamSettings(actor: Actor, workspaceId: string, teamId: string, signal: AbortSignal): Promise<Loaded> {
  const [team, workspace] = await Promise.all([
    fetchTeam(workspaceId, teamId, signal),
    checkWorkspaceSettingsRead(actor) === null ? fetchWorkspaceSettings(workspaceId, signal).catch(() => null) : null,
  ]);
  return { team, workspace };
}

/** /teams/:teamId/settings: a team's overrides over the workspace defaults, with locks for admins. */
export function TeamSettingsPage() {
  const { teamId = "" } = useParams();
  const { workspaceId, actor } = useWorkspace();
  const { data, error } = useResource((signal) => loadTeamSettings(actor, workspaceId, teamId, signal), `${workspaceId}/${teamId}`);
  const [renamed, setRenamed] = useState<Team>();
  const team = renamed ?? data?.team;
  return (
    <section className="page settings-page">
      <BackCrumb to="/teams" label="Teams" testId="team-settings-back" />
      <header className="page-header">
        <h1 data-testid="team-settings-title">{team ? `${team.name} settings` : "Team settings"}</h1>
        {team ? (
          <span className="muted">
            {countOf(team.memberCount, "member")}. Applies to members whose primary team this is.
          </span>
        ) : null}
      </header>
      <ErrorBanner error={error} />
      {data && team ? (
        <>
          <TeamIdentityPanel key={team.name} team={team} onRenamed={setRenamed} />
          <TeamSettingsForm key={data.team.id} loaded={data} />
        </>
      ) : error ? null : (
        <Loading />
      )}
    </section>
  );
}

function TeamSettingsForm({ loaded }: { loaded: Loaded }) {
  const { workspaceId, actor, allows } = useWorkspace();
  const [team, setTeam] = useState(loaded.team);
  const readOnly = !allows("teams.settings", [team.id]);
  const mayLock = canLockSettings(actor) && !readOnly;
  const { draft, edit, errors, save, reset, submit } = useSettingsDraft(team.settings, "settings");
  const [locks, setLocks] = useState<SettingsField[]>(team.locks);
  const above = resolveWorkspaceLevel({ settings: loaded.workspace?.settings ?? {}, locks: loaded.workspace?.locks ?? [] });
  const dirty = !sameJson(draft, team.settings) || !sameJson([...locks].sort(), [...team.locks].sort());

  const onSave = () =>
    submit(
      (settings) => patchTeam(workspaceId, team.id, { settings, ...(mayLock ? { locks } : {}) }),
      (next) => next.settings,
      (next) => {
        setTeam(next);
        setLocks(next.locks);
      },
    );

  const discard = () => {
    reset(team.settings);
    setLocks(team.locks);
  };

  return (
    <>
      {loaded.workspace ? null : (
        <p className="banner banner-error" data-testid="team-settings-no-workspace">
          Workspace defaults are hidden from you, so inherited values show the built-in defaults; the server still applies the workspace's.
        </p>
      )}
      <SettingsEditor
        level="team"
        draft={draft}
        onDraftChange={edit}
        inherited={inheritedOf(above)}
        lockedAbove={above.locked}
        locks={locks}
        onLocksChange={mayLock ? setLocks : undefined}
        errors={errors}
        readOnly={readOnly}
      />
      <SaveBar dirty={dirty} save={save} readOnly={readOnly} errors={errors} onSave={onSave} onDiscard={discard} />
    </>
  );
}
