import type { ContactVisibility, Member, Restrictions } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { SaveBar } from "../settings/save-bar";
import { useSave } from "../settings/use-save";
import { patchMemberRestrictions } from "./restrictions.api";
import "../settings/settings.css";

type BooleanRestriction = "noWorkspaceSettings" | "noContactDeletion" | "noDataExport" | "noIntegrations" | "hideWorkflows" | "maskContactInfo";

/** Seed 003's wording for each restriction. */
const MANAGER_RESTRICTIONS: readonly { key: BooleanRestriction; label: string; hint: string }[] = [
  { key: "noWorkspaceSettings", label: "Access to workspace settings", hint: "Cannot see or change workspace settings, nor add or delete channels." },
  { key: "noContactDeletion", label: "Contact deletion", hint: "Cannot delete contacts." },
  { key: "noDataExport", label: "Data export", hint: "Cannot export data from any module." },
  { key: "noIntegrations", label: "Integrations", hint: "Cannot connect integrations." },
];

const VISIBILITY: readonly { value: ContactVisibility; label: string }[] = [
  { value: "all", label: "All contacts" },
  { value: "teamAndSelf", label: "Contacts assigned to their team and themselves" },
  { value: "selfOnly", label: "Contacts assigned to themselves only" },
];

const AGENT_TOGGLES: readonly { key: BooleanRestriction; label: string; hint: string }[] = [
  { key: "hideWorkflows", label: "Restrict workflows button", hint: "The workflows icon is hidden; no shortcuts or ongoing workflows." },
  { key: "maskContactInfo", label: "Mask phone number and e-mail address", hint: "May add a missing phone or e-mail, never change one." },
];

/** Only the restrictions that differ from what is stored: the PATCH merges them. */
function changedRestrictions(before: Restrictions, after: Restrictions): Partial<Restrictions> {
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => before[key as keyof Restrictions] !== value));
}

/** Admin-only advanced restrictions (seed 003) for managers and agents; the server enforces them anyway. */
export function RestrictionsPanel({ member, onSaved }: { member: Member; onSaved: (member: Member) => void }) {
  const { workspaceId } = useWorkspace();
  const [draft, setDraft] = useState<Restrictions>(member.restrictions);
  const save = useSave();
  const isManager = member.roles.includes("manager");
  const isAgent = member.roles.includes("agent");
  const changes = changedRestrictions(member.restrictions, draft);
  const set = (patch: Partial<Restrictions>) => {
    setDraft({ ...draft, ...patch });
    save.touch();
  };
  const onSave = () =>
    void save.run(async () => {
      const next = await patchMemberRestrictions(workspaceId, member.userId, changes);
      setDraft(next.restrictions);
      onSaved(next);
    });

  return (
    <section className="panel settings-section" data-testid="restrictions-panel">
      <header className="settings-section-header">
        <h2>Advanced restrictions</h2>
        <span className="muted small">Only admins set these.</span>
      </header>
      {!isManager && !isAgent ? (
        <p className="muted small settings-note" data-testid="restrictions-none">
          Restrictions apply to managers and agents; this member is neither.
        </p>
      ) : null}
      {isManager ? (
        <fieldset className="restriction-group" data-testid="manager-restrictions">
          <legend className="field-label">Manager restrictions</legend>
          {MANAGER_RESTRICTIONS.map((r) => (
            <RestrictionToggle key={r.key} name={r.key} label={r.label} hint={r.hint} checked={draft[r.key]} onChange={(on) => set({ [r.key]: on })} />
          ))}
        </fieldset>
      ) : null}
      {isAgent ? (
        <fieldset className="restriction-group" data-testid="agent-restrictions">
          <legend className="field-label">Agent restrictions</legend>
          <div className="restriction restriction-column">
            <span className="strong">Contact visibility</span>
            <div className="radio-list">
              {VISIBILITY.map((v) => (
                <label key={v.value} className="check">
                  <input
                    type="radio"
                    name="contactVisibility"
                    data-testid={`restriction-contactVisibility-${v.value}`}
                    checked={draft.contactVisibility === v.value}
                    onChange={() => set({ contactVisibility: v.value })}
                  />
                  {v.label}
                </label>
              ))}
            </div>
          </div>
          {AGENT_TOGGLES.map((r) => (
            <RestrictionToggle key={r.key} name={r.key} label={r.label} hint={r.hint} checked={draft[r.key]} onChange={(on) => set({ [r.key]: on })} />
          ))}
        </fieldset>
      ) : null}
      {isManager || isAgent ? (
        <div className="restriction-save">
          <SaveBar
            dirty={Object.keys(changes).length > 0}
            save={save}
            readOnly={false}
            onSave={onSave}
            onDiscard={() => setDraft(member.restrictions)}
            testId="restrictions"
          />
        </div>
      ) : null}
    </section>
  );
}

function RestrictionToggle({ name, label, hint, checked, onChange }: { name: BooleanRestriction; label: string; hint: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="restriction check">
      <input type="checkbox" data-testid={`restriction-${name}`} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <span className="strong">{label}</span>
        <span className="field-hint block">{hint}</span>
      </span>
    </label>
  );
}
