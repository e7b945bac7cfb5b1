import { settingsOverridesSchema, type SettingsField, type SettingsOverrides } from "@switchboard/shared";
import { useCallback, useState } from "react";
import { ApiError } from "../lib/api";
import { fieldErrorsOf, fieldErrorsOfIssues, type FieldErrors } from "../lib/field-issues";
import { useSave, type SaveState } from "./use-save";

/**
 * Field issues keyed by settings field: "settings.forwardTo" and "overrides.callerId.number"
 * from the server, "localPresenceCallerIds.0.number" from the local check, all land on their row.
 */
function byField(errors: FieldErrors, prefix?: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const parts = path.split(".");
    if (prefix && parts[0] === prefix) parts.shift();
    const [field, ...rest] = parts;
    if (!field) continue;
    out[field] ??= rest.length > 0 ? `${rest.join(" ")}: ${message}` : message;
  }
  return out;
}

export interface SettingsDraft {
  draft: SettingsOverrides;
  setDraft: (next: SettingsOverrides) => void;
  /** A change made in the editor: the new draft, and the last "Saved" no longer holds. */
  edit: (next: SettingsOverrides) => void;
  errors: FieldErrors;
  save: SaveState;
  /** The draft as the API wants it (numbers normalised), or null after showing what is wrong. */
  validated: () => SettingsOverrides | null;
  /** Puts a failed save's messages next to the fields (validation issues or a SETTING_LOCKED refusal). */
  showServerError: (error: unknown) => void;
  reset: (next: SettingsOverrides) => void;
  /**
   * The save of every settings page: check the draft, `send` it, then restart the draft from what the
   * server kept (`keptOf`) and hand the answer to `apply` for the page's own state (locks, dock switch…).
   */
  submit: <T>(send: (checked: SettingsOverrides) => Promise<T>, keptOf: (saved: T) => SettingsOverrides, apply: (saved: T) => void) => void;
}

/** The edit state every settings page shares: draft, local validation with the shared schema, server errors, the save. */
export function useSettingsDraft(initial: SettingsOverrides, serverPrefix: "settings" | "overrides"): SettingsDraft {
  const [draft, setDraftState] = useState<SettingsOverrides>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useSave();

  const setDraft = useCallback((next: SettingsOverrides) => setDraftState(next), []);
  const reset = useCallback((next: SettingsOverrides) => {
    setDraftState(next);
    setErrors({});
  }, []);

  const validated = () => {
    const parsed = settingsOverridesSchema.safeParse(draft);
    if (parsed.success) {
      setErrors({});
      return parsed.data;
    }
    setErrors(byField(fieldErrorsOfIssues(parsed.error.issues)));
    return null;
  };

  const showServerError = (error: unknown) => {
    if (error instanceof ApiError && error.code === "SETTING_LOCKED") {
      const field = (error.details as { field?: SettingsField } | undefined)?.field;
      if (field) setErrors({ [field]: error.message });
      return;
    }
    setErrors(byField(fieldErrorsOf(error), serverPrefix));
  };

  const submit = <T,>(send: (checked: SettingsOverrides) => Promise<T>, keptOf: (saved: T) => SettingsOverrides, apply: (saved: T) => void) => {
    const checked = validated();
    if (!checked) return;
    void save.run(async () => {
      const saved = await send(checked);
      apply(saved);
      reset(keptOf(saved));
    }, showServerError);
  };

  const edit = (next: SettingsOverrides) => {
    setDraftState(next);
    save.touch();
  };

  return { draft, setDraft, edit, errors, save, validated, showServerError, reset, submit };
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
