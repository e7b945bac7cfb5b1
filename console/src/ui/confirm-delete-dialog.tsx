import type { ReactNode } from "react";
import { ConfirmDialog } from "./confirm-dialog";
import { ErrorBanner } from "./error-banner";
import type { ConfirmedDelete } from "./use-confirmed-delete";

interface ConfirmDeleteDialogProps<T extends { name: string }> {
  removal: ConfirmedDelete<T>;
  /** "contact" → "Delete the contact Ana Lima?", and the error's test id `contact-delete-error`. */
  noun: string;
  /** What deleting it does, in the reader's terms. */
  children: ReactNode;
}

/** The dialog of useConfirmedDelete: shown while a row is asked about, with the refusal inside it. */
export function ConfirmDeleteDialog<T extends { name: string }>({ removal, noun, children }: ConfirmDeleteDialogProps<T>) {
  if (!removal.deleting) return null;
  return (
    <ConfirmDialog
      title={`Delete the ${noun} ${removal.deleting.name}?`}
      confirmLabel={`Delete ${removal.deleting.name}`}
      danger
      busy={removal.busy}
      onConfirm={() => void removal.confirm()}
      onClose={() => removal.ask(null)}
    >
      <p>{children}</p>
      <ErrorBanner error={removal.error} testId={`${noun}-delete-error`} />
    </ConfirmDialog>
  );
}
