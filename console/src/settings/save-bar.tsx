import { ErrorBanner } from "../ui/error-banner";

interface SaveBarProps {
  dirty: boolean;
  busy: boolean;
  saved: boolean;
  error: unknown;
  onSave: () => void;
  onDiscard: () => void;
  readOnly: boolean;
  /** Prefix of the bar's test ids, for pages with more than one form. */
  testId?: string;
}

/** Sticky at the bottom of a settings page, so a long form never hides its Save button. */
export function SaveBar({ dirty, busy, saved, error, onSave, onDiscard, readOnly, testId = "settings" }: SaveBarProps) {
  if (readOnly) return <p className="muted small" data-testid={`${testId}-read-only`}>You can see these settings but not change them.</p>;
  return (
    <div className="save-bar" data-testid={`${testId}-save-bar`}>
      <ErrorBanner error={error} testId={`${testId}-save-error`} />
      {saved && !dirty ? (
        <span className="ok strong" data-testid={`${testId}-saved`}>
          Saved
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
