import type { ReactNode } from "react";
import { useModal } from "./use-modal";

interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  /** Says what the button does, naming the thing ("Revoke Ana Lima", not "OK"). */
  confirmLabel: string;
  /** The way out; worth naming when "Cancel" would read as the action ("Keep invitation"). */
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * An in-page dialog rather than window.confirm: browser tests can click it
 * (Playwright dismisses native dialogs), and it can explain consequences.
 */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = "Cancel", danger, busy, onConfirm, onClose }: ConfirmDialogProps) {
  const ref = useModal();
  return (
    <dialog ref={ref} className="dialog" data-testid="confirm-dialog" onCancel={onClose} aria-labelledby="confirm-title">
      <h2 id="confirm-title">{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="btn" data-testid="confirm-cancel" onClick={onClose} disabled={busy}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={danger ? "btn btn-danger" : "btn btn-primary"}
          data-testid="confirm-ok"
          onClick={onConfirm}
          disabled={busy}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
