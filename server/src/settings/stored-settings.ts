import { SETTINGS_FIELDS, settingsOverridesSchema, type SettingsField, type SettingsOverrides } from "@switchboard/shared";
import { isDeepStrictEqual } from "node:util";
import { AppError } from "../http/app-error.js";

/** Settings documents are Mixed; every read goes back through the shared schema. */
export const storedOverrides = (raw: unknown): SettingsOverrides => settingsOverridesSchema.parse(raw ?? {});

const FIELD_SET: ReadonlySet<string> = new Set(SETTINGS_FIELDS);
export const storedLocks = (raw: readonly string[] | null | undefined): SettingsField[] =>
  (raw ?? []).filter((field): field is SettingsField => FIELD_SET.has(field));

export const sameLocks = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((field) => b.includes(field));

/**
 * Refuses a lower level setting a field locked above it. A value that was already stored
 * before the lock (and is sent back unchanged) passes, so that saving an unrelated field works;
 * resolution ignores it anyway.
 */
export function assertNoLockedOverride(input: {
  next: SettingsOverrides;
  previous: SettingsOverrides;
  lockedAbove: (field: SettingsField) => "workspace" | "team" | null;
  pathPrefix: string;
}): void {
  for (const field of SETTINGS_FIELDS) {
    if (input.next[field] === undefined) continue;
    const level = input.lockedAbove(field);
    if (level && !isDeepStrictEqual(input.next[field], input.previous[field])) {
      throw new AppError("SETTING_LOCKED", `${field} is locked at ${level} level.`, {
        path: `${input.pathPrefix}.${field}`,
        field,
        lockedAt: level,
      });
    }
  }
}
