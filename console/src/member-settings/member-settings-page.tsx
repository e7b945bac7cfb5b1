import { checkMemberSettingsEdit, type Member, type MemberSettings } from "@switchboard/shared";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { useWorkspace } from "../app/session-context";
import { useResource } from "../lib/use-resource";
import { RestrictionsPanel } from "../restrictions/restrictions-panel";
import { inheritedOf } from "../settings/inherited";
import { SaveBar } from "../settings/save-bar";
import { SettingsEditor } from "../settings/settings-editor";
import { sameJson, useSettingsDraft } from "../settings/use-settings-draft";
import { useTeams } from "../teams/use-teams";
import { ErrorBanner } from "../ui/error-banner";
import { Loading } from "../ui/loading";
import { RoleBadges } from "../ui/role-badges";
import { fetchMember, fetchMemberSettings, saveMemberSettings } from "./member-settings.api";
import { BackCrumb } from "../ui/back-crumb";

interface Loaded {
  member: Member;
  settings: MemberSettings;
}

async function loadMember(workspaceId: string, userId: string, signal: AbortSignal): Promise<Loaded> {
  const [member, settings] = await Promise.all([fetchMember(workspaceId, userId, signal), fetchMemberSettings(workspaceId, userId, signal)]);
  return { member, settings };
}

/** /members/:userId/settings: Phone, Channel and Dock overrides over the member's primary team, then restrictions. */
export function MemberSettingsPage() {
  const { userId = "" } = useParams();
  const { workspaceId, actor, allows } = useWorkspace();
  const { nameOf } = useTeams();
  const { data, error } = useResource((signal) => loadMember(workspaceId, userId, signal), `${workspaceId}/${userId}`);
  const [member, setMember] = useState<Member>();
  // A restrictions save returns the member; it only stands in for the loaded one on the same page.
  const shown = member?.userId === userId ? member : data?.member;
  // Seed 003: nobody changes their own restrictions, and only admins set them.
  const mayRestrict = allows("restrictions.set") && userId !== actor.userId;

  return (
    <section className="page settings-page">
      <BackCrumb to="/members" label="Members" testId="member-settings-back" />
      <header className="page-header">
        <h1 data-testid="member-settings-title">{shown ? shown.name : "Member settings"}</h1>
        {shown ? (
          <span className="subnav">
            <RoleBadges roles={shown.roles} />
            <span className="muted" data-testid="member-settings-teams">
              Teams: {shown.teams.map(nameOf).join(", ")}
              {shown.teams.length > 1 && data?.settings.primaryTeam ? ` · settings from the primary team, ${data.settings.primaryTeam.name}` : ""}
            </span>
          </span>
        ) : null}
      </header>
      <ErrorBanner error={error} />
      {data && shown ? (
        <>
          <MemberSettingsForm key={userId} member={shown} loaded={data.settings} />
          {mayRestrict ? <RestrictionsPanel key={`r-${userId}`} member={shown} onSaved={setMember} /> : null}
        </>
      ) : error ? null : (
        <Loading />
      )}
    </section>
  );
}

function MemberSettingsForm({ member, loaded }: { member: Member; loaded: MemberSettings }) {
  const { workspaceId, actor } = useWorkspace();
  const [settings, setSettings] = useState(loaded);
  const readOnly = checkMemberSettingsEdit(actor, member) !== null;
  const { draft, edit, errors, save, reset, submit } = useSettingsDraft(settings.overrides, "overrides");
  const [dockOn, setDockOn] = useState(settings.overrideDockSettings);
  const dirty = !sameJson(draft, settings.overrides) || dockOn !== settings.overrideDockSettings;

  const onSave = () =>
    submit(
      (overrides) => saveMemberSettings(workspaceId, member.userId, { overrides, overrideDockSettings: dockOn }),
      (next) => next.overrides,
      (next) => {
        setSettings(next);
        setDockOn(next.overrideDockSettings);
      },
    );

  const discard = () => {
    reset(settings.overrides);
    setDockOn(settings.overrideDockSettings);
  };

  return (
    <>
      {settings.primaryTeam ? null : (
        <p className="banner banner-error">This member has no primary team, so they inherit the workspace defaults directly.</p>
      )}
      <SettingsEditor
        level="member"
        draft={draft}
        onDraftChange={edit}
        inherited={inheritedOf(settings.inherited)}
        lockedAbove={settings.locked}
        dockOverride={{
          on: dockOn,
          onChange: (on) => {
            setDockOn(on);
            save.touch();
          },
        }}
        errors={errors}
        readOnly={readOnly}
      />
      <SaveBar dirty={dirty} save={save} readOnly={readOnly} errors={errors} onSave={onSave} onDiscard={discard} />
    </>
  );
}
