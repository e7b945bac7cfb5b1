import type { FormEvent, ReactNode } from "react";
import { ErrorBanner } from "./error-banner";
import { useModal } from "./use-modal";

interface FormDialogProps {
  /** Prefix of the test ids: `<id>-dialog`, `<id>-error`, `<id>-cancel`, `<id>-submit`. */
  id: string;
  title: string;
  submitLabel: string;
  wide?: boolean;
  /** Leave checking to the schema and its field messages instead of the browser's bubbles. */
  noValidate?: boolean;
  busy: boolean;
  canSubmit: boolean;
  error: unknown;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** The frame of a create/edit dialog: title, the request's error, the fields, Cancel and the submit button. */
export function FormDialog({ id, title, submitLabel, wide, noValidate, busy, canSubmit, error, onSubmit, onClose, children }: FormDialogProps) {
  const ref = useModal();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <dialog ref={ref} className={wide ? "dialog dialog-wide" : "dialog"} data-testid={`${id}-dialog`} onCancel={onClose} aria-labelledby={`${id}-dialog-title`}>
      <h2 id={`${id}-dialog-title`}>{title}</h2>
      <form className="form" onSubmit={submit} noValidate={noValidate}>
        <ErrorBanner error={error} testId={`${id}-error`} />
        {children}
        <div className="dialog-actions">
          <button type="button" className="btn" data-testid={`${id}-cancel`} onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid={`${id}-submit`} disabled={busy || !canSubmit}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
