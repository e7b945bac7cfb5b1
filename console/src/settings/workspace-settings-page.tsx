import { awayReasonsSchema, canLockSettings, DEFAULT_SETTINGS, type SettingsField, type WorkspaceSettings } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf } from "../lib/field-issues";
import { useResource } from "../lib/use-resource";
import { ErrorBanner } from "../ui/error-banner";
import { Loading } from "../ui/loading";
import { AwayReasonsEditor } from "./away-reasons-editor";
import { inheritedOf, NO_LOCKS_ABOVE } from "./inherited";
import { SaveBar } from "./save-bar";
import { fetchWorkspaceSettings, saveWorkspaceSettings } from "./settings.api";
import { SettingsEditor } from "./settings-editor";
import { sameJson, useSettingsDraft } from "./use-settings-draft";

const DEFAULT_ORIGINS = Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((field) => [field, "default"])) as Record<SettingsField, "default">;

export function WorkspaceSettingsPage() {
  const { workspaceId } = useWorkspace();
  const { data, error } = useResource((signal) => fetchWorkspaceSettings(workspaceId, signal), workspaceId);
  return (
    <section className="page settings-page">
      <header className="page-header">
        <h1>Workspace settings</h1>
        <span className="muted">Defaults for every team and member. Teams and members may override fields that are not locked.</span>
      </header>
      <ErrorBanner error={error} />
      {data ? <WorkspaceSettingsForm key={workspaceId} initial={data} /> : error ? null : <Loading />}
    </section>
  );
}

function WorkspaceSettingsForm({ initial: loaded }: { initial: WorkspaceSettings }) {
  const { workspaceId, actor, allows } = useWorkspace();
  const readOnly = !allows("workspace.settings");
  const mayLock = canLockSettings(actor) && !readOnly;
  const [initial, setInitial] = useState(loaded);
  const { draft, edit, errors, save, validated, reset, submit } = useSettingsDraft(initial.settings, "settings");
  const [locks, setLocks] = useState<SettingsField[]>(initial.locks);
  const [awayReasons, setAwayReasons] = useState<string[]>(initial.awayReasons);
  const dirty = !sameJson(draft, initial.settings) || !sameJson([...locks].sort(), [...initial.locks].sort()) || !sameJson(awayReasons, initial.awayReasons);
  const reasonsError = awayReasonsSchema.safeParse(awayReasons).error?.issues[0]?.message ?? fieldErrorsOf(save.error).awayReasons;

  const onSave = () => {
    // The away reasons are checked apart (their own editor); the fields still show their issues.
    if (reasonsError) {
      validated();
      return;
    }
    submit(
      (settings) => saveWorkspaceSettings(workspaceId, { settings, awayReasons, ...(mayLock ? { locks } : {}) }),
      (next) => next.settings,
      (next) => {
        setInitial(next);
        setLocks(next.locks);
        setAwayReasons(next.awayReasons);
      },
    );
  };

  const discard = () => {
    reset(initial.settings);
    setLocks(initial.locks);
    setAwayReasons(initial.awayReasons);
  };

  return (
    <>
      <SettingsEditor
        level="workspace"
        draft={draft}
        onDraftChange={edit}
        inherited={inheritedOf({ values: initial.defaults, origins: DEFAULT_ORIGINS })}
        lockedAbove={NO_LOCKS_ABOVE}
        locks={locks}
        onLocksChange={mayLock ? setLocks : undefined}
        errors={errors}
        readOnly={readOnly}
      />
      <AwayReasonsEditor reasons={awayReasons} onChange={setAwayReasons} readOnly={readOnly} error={reasonsError} />
      <SaveBar dirty={dirty} save={save} readOnly={readOnly} errors={errors} onSave={onSave} onDiscard={discard} />
    </>
  );
}
