import { isDockField, type LockLevel, type SettingsField, type SettingsOrigin, type SettingsOverrides } from "@switchboard/shared";
import type { FieldErrors } from "../lib/field-issues";
import { SettingInput } from "./setting-input";
import { describeOrigin, formatSettingValue, SETTING_META, SETTINGS_SECTIONS } from "./settings-fields";
import "./settings.css";
import { FieldError } from "../ui/field-error";

/** Which level is being edited; decides wording only — the data flow is the same for all three. */
export type SettingsLevelKind = "workspace" | "team" | "member";

export interface InheritedSetting {
  value: unknown;
  origin: SettingsOrigin;
}

export interface SettingsEditorProps {
  level: SettingsLevelKind;
  /** The fields this level sets; a field left out inherits. */
  draft: SettingsOverrides;
  onDraftChange: (next: SettingsOverrides) => void;
  /** What each field resolves to when this level does not set it. */
  inherited: Record<SettingsField, InheritedSetting>;
  /** Locks from the levels above, which this level cannot override. */
  lockedAbove: Record<SettingsField, LockLevel | null>;
  /** This level's own locks (workspace and team); `onLocksChange` only for admins. */
  locks?: readonly SettingsField[];
  onLocksChange?: (next: SettingsField[]) => void;
  /** Member level: the seed-000 "override dock settings" switch that gates dock overrides. */
  dockOverride?: { on: boolean; onChange: (on: boolean) => void };
  errors: FieldErrors;
  readOnly: boolean;
}

const OVERRIDE_LABEL: Record<SettingsLevelKind, string> = { workspace: "Custom", team: "Override", member: "Override" };

/** Phone, Channel and Dock sections: one renderer for workspace, team and member settings. */
export function SettingsEditor(props: SettingsEditorProps) {
  const { level, dockOverride, readOnly } = props;
  return (
    <div className="settings-sections" data-testid={`${level}-settings-editor`}>
      {SETTINGS_SECTIONS.map((section) => (
        <section key={section.id} className="panel settings-section" data-testid={`settings-section-${section.id}`}>
          <header className="settings-section-header">
            <h2>{section.title}</h2>
            {section.id === "dock" && dockOverride ? (
              <label className="switch switch-labelled">
                <input
                  type="checkbox"
                  role="switch"
                  data-testid="dock-override-switch"
                  checked={dockOverride.on}
                  disabled={readOnly}
                  onChange={(e) => dockOverride.onChange(e.target.checked)}
                />
                <span className="switch-track" aria-hidden="true" />
                <span className="switch-text">Override team settings</span>
              </label>
            ) : null}
          </header>
          {section.id === "dock" && dockOverride && !dockOverride.on ? (
            <p className="muted small settings-note">Dock settings follow the team. Turn on “Override team settings” to set them for this member.</p>
          ) : null}
          <div className="settings-rows">
            {section.fields.map((field) => (
              <SettingRow key={field} field={field} {...props} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function SettingRow({ field, level, draft, onDraftChange, inherited, lockedAbove, locks, onLocksChange, dockOverride, errors, readOnly }: SettingsEditorProps & { field: SettingsField }) {
  const meta = SETTING_META[field];
  const testId = `setting-${field}`;
  const lockedBy = lockedAbove[field];
  const gatedBySwitch = dockOverride !== undefined && isDockField(field) && !dockOverride.on;
  const stored = Object.hasOwn(draft, field) && draft[field] !== undefined;
  // A value stored before a lock, or while the dock switch is off, is kept but does not apply.
  const applies = stored && lockedBy === null && !gatedBySwitch;
  const inheritedHere = inherited[field];
  const shown = applies ? draft[field] : inheritedHere.value;
  const lockedHere = locks?.includes(field) ?? false;
  const error = errors[field];

  const setOverride = (on: boolean) => {
    const next = { ...draft };
    if (on) Object.assign(next, { [field]: structuredClone(inheritedHere.value) });
    else delete next[field];
    onDraftChange(next);
  };
  const toggleLock = (on: boolean) => onLocksChange?.(on ? [...(locks ?? []), field] : (locks ?? []).filter((f) => f !== field));

  return (
    <div
      className={`setting-row${applies ? " setting-row-set" : ""}${error ? " setting-row-invalid" : ""}`}
      data-testid={testId}
      data-origin={applies ? (level === "member" ? "user" : level) : inheritedHere.origin}
      data-overridden={applies}
      data-locked={lockedBy ?? (lockedHere ? level : "")}
    >
      <div className="setting-label">
        <span className="field-label">{meta.label}</span>
        <span className="field-hint">{meta.hint}</span>
      </div>
      <div className="setting-control">
        <SettingInput
          field={field}
          value={shown}
          onChange={(value) => onDraftChange({ ...draft, [field]: value })}
          disabled={readOnly || !applies}
          testId={`${testId}-input`}
          invalid={Boolean(error)}
        />
        <FieldError error={error} testId={testId} />
      </div>
      <div className="setting-source">
        {lockedBy ? (
          <span className="lock-badge" data-testid={`${testId}-locked`} title="An admin locked this field above this level">
            <LockIcon /> Locked by {lockedBy === "workspace" ? "workspace" : "team"}
          </span>
        ) : null}
        {applies ? (
          <span className="origin origin-here" data-testid={`${testId}-origin`}>
            {level === "workspace" ? "Custom default" : "Set here"}
          </span>
        ) : (
          <span className="origin" data-testid={`${testId}-origin`}>
            {describeOrigin(inheritedHere.origin)}
          </span>
        )}
        <span className="inherited small muted">
          {applies ? "Instead of " : level === "workspace" ? "Built-in: " : "Inherited: "}
          <span data-testid={`${testId}-inherited`}>{formatSettingValue(field, inheritedHere.value)}</span>
          {applies ? ` (${describeOrigin(inheritedHere.origin)})` : null}
        </span>
        {stored && !applies ? (
          <span className="small warn-text" data-testid={`${testId}-ignored`}>
            Own value ({formatSettingValue(field, draft[field])}) is ignored
          </span>
        ) : null}
      </div>
      <div className="setting-toggles">
        <label className="check">
          <input
            type="checkbox"
            data-testid={`${testId}-override`}
            checked={stored}
            // Unticking stays possible under a lock, so a stale value can be cleared.
            disabled={readOnly || ((lockedBy !== null || gatedBySwitch) && !stored)}
            onChange={(e) => setOverride(e.target.checked)}
          />
          {OVERRIDE_LABEL[level]}
        </label>
        {locks ? (
          <label className={lockedHere ? "check check-locked" : "check"} title="Levels below cannot override a locked field">
            <input type="checkbox" data-testid={`${testId}-lock`} checked={lockedHere} disabled={!onLocksChange || (lockedBy !== null && !lockedHere)} onChange={(e) => toggleLock(e.target.checked)} />
            Lock
          </label>
        ) : null}
      </div>
    </div>
  );
}

/** Drawn inline: Debian's Chromium has no emoji font, and the console ships no icon set. */
function LockIcon() {
  return (
    <svg className="lock-icon" width="11" height="12" viewBox="0 0 11 12" aria-hidden="true">
      <rect x="1" y="5" width="9" height="7" rx="1.5" fill="currentColor" />
      <path d="M3 5V3.5a2.5 2.5 0 0 1 5 0V5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
