import type { Actor } from "../permissions/can.js";
import {
  DEFAULT_SETTINGS,
  DOCK_FIELDS,
  SETTINGS_FIELDS,
  type EffectiveSettings,
  type SettingsField,
  type SettingsOverrides,
} from "./settings.schema.js";

/** Where an effective value came from; the console shows it next to inherited values. */
export type SettingsOrigin = "default" | "workspace" | `team:${string}` | "user";
/** The level that locked a field, so that levels below it cannot override it. */
export type LockLevel = "workspace" | "team";

export interface SettingsLevel {
  settings: SettingsOverrides;
  locks: readonly SettingsField[];
}

export interface ResolveSettingsInput {
  workspace: SettingsLevel;
  /** The member's primary team (their first team), or null when it is gone. */
  team: (SettingsLevel & { name: string }) | null;
  user: { overrides: SettingsOverrides; overrideDockSettings: boolean };
}

export interface ResolvedSettings {
  values: EffectiveSettings;
  origins: Record<SettingsField, SettingsOrigin>;
  locked: Record<SettingsField, LockLevel | null>;
}

const DOCK_FIELD_SET: ReadonlySet<SettingsField> = new Set(DOCK_FIELDS);

export const isDockField = (field: SettingsField): boolean => DOCK_FIELD_SET.has(field);

const sets = (level: SettingsOverrides, field: SettingsField): boolean => Object.hasOwn(level, field) && level[field] !== undefined;

/** The level that locks `field` for whatever sits below the team, or null. */
export function lockLevelOf(field: SettingsField, workspaceLocks: readonly SettingsField[], teamLocks: readonly SettingsField[]): LockLevel | null {
  if (workspaceLocks.includes(field)) return "workspace";
  return teamLocks.includes(field) ? "team" : null;
}

/**
 * DESIGN.md §6, the one place settings are merged: defaults ← workspace ← primary team
 * (unless locked at workspace) ← user override (unless locked at workspace or team).
 * Seed 000: the user's dock fields apply only while their "override dock settings" switch is on;
 * phone and channel overrides need no switch.
 */
export function resolveEffectiveSettings({ workspace, team, user }: ResolveSettingsInput): ResolvedSettings {
  const values: Record<string, unknown> = {};
  const origins = {} as Record<SettingsField, SettingsOrigin>;
  const locked = {} as Record<SettingsField, LockLevel | null>;
  for (const field of SETTINGS_FIELDS) {
    const lock = lockLevelOf(field, workspace.locks, team?.locks ?? []);
    let value: unknown = DEFAULT_SETTINGS[field];
    let origin: SettingsOrigin = "default";
    if (sets(workspace.settings, field)) {
      value = workspace.settings[field];
      origin = "workspace";
    }
    if (team && lock !== "workspace" && sets(team.settings, field)) {
      value = team.settings[field];
      origin = `team:${team.name}`;
    }
    const userMayOverride = lock === null && (!isDockField(field) || user.overrideDockSettings);
    if (userMayOverride && sets(user.overrides, field)) {
      value = user.overrides[field];
      origin = "user";
    }
    values[field] = value;
    origins[field] = origin;
    locked[field] = lock;
  }
  return { values: values as EffectiveSettings, origins, locked };
}

/** Only admins lock or unlock fields, at workspace or team level (issue 4). */
export const canLockSettings = (actor: Pick<Actor, "roles">): boolean => actor.roles.includes("admin");
