import { countOf } from "../lib/format";
import { ErrorBanner } from "../ui/error-banner";
import type { SaveState } from "./use-save";

interface SaveBarProps {
  dirty: boolean;
  save: Pick<SaveState, "busy" | "saved" | "error">;
  onSave: () => void;
  onDiscard: () => void;
  readOnly: boolean;
  /** Field errors by path, so a long form says how many need fixing where the Save button is. */
  errors?: Readonly<Record<string, unknown>>;
  /** Prefix of the bar's test ids, for pages with more than one form. */
  testId?: string;
}

/** Sticky at the bottom of a settings page, so a long form never hides its Save button. */
export function SaveBar({ dirty, save: { busy, saved, error }, onSave, onDiscard, readOnly, errors = {}, testId = "settings" }: SaveBarProps) {
  const invalidCount = Object.keys(errors).length;
  if (readOnly) return <p className="muted small" data-testid={`${testId}-read-only`}>You can see these settings but not change them.</p>;
  return (
    <div className="save-bar" data-testid={`${testId}-save-bar`}>
      <ErrorBanner error={error} testId={`${testId}-save-error`} />
      {saved && !dirty ? (
        <span className="ok strong" data-testid={`${testId}-saved`}>
          Saved
        </span>
      ) : invalidCount > 0 ? (
        <span className="field-error strong" data-testid={`${testId}-invalid`}>
          Fix {countOf(invalidCount, "highlighted field")}
        </span>
      ) : (
        <span className="muted small">{dirty ? "Unsaved changes" : "No changes"}</span>
      )}
      <div className="save-bar-actions">
        <button type="button" className="btn" data-testid={`${testId}-discard`} disabled={!dirty || busy} onClick={onDiscard}>
          Discard
        </button>
        <button type="button" className="btn btn-primary" data-testid={`${testId}-save`} disabled={!dirty || busy} onClick={onSave}>
          {busy ? "Saving…" : "Save changes"}
        </button>
      </div>
    </div>
  );
}
