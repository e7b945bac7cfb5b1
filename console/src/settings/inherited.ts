import {
  resolveEffectiveSettings,
  SETTINGS_FIELDS,
  type EffectiveSettings,
  type LockLevel,
  type SettingsField,
  type SettingsLevel,
  type SettingsOrigin,
} from "@switchboard/shared";
import type { InheritedSetting } from "./settings-editor";

/** Pairs resolved values with their origins, field by field, for the editor. */
export function inheritedOf(resolved: { values: EffectiveSettings; origins: Record<SettingsField, SettingsOrigin> }): Record<SettingsField, InheritedSetting> {
  return Object.fromEntries(SETTINGS_FIELDS.map((field) => [field, { value: resolved.values[field], origin: resolved.origins[field] }])) as Record<
    SettingsField,
    InheritedSetting
  >;
}

/**
 * What a team inherits: the workspace level alone, through the one shared resolver (a team
 * sits where a member's primary team would, with no user overrides below it).
 */
export function resolveWorkspaceLevel(workspace: SettingsLevel) {
  return resolveEffectiveSettings({ workspace, team: null, user: { overrides: {}, overrideDockSettings: false } });
}

export const NO_LOCKS_ABOVE = Object.freeze(Object.fromEntries(SETTINGS_FIELDS.map((field) => [field, null]))) as Record<SettingsField, LockLevel | null>;
