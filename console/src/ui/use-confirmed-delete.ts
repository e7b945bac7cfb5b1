import { useState } from "react";
import { useAction } from "../lib/use-action";

/**
 * The delete-with-confirmation flow of a list page: which row is asked about, the request's
 * busy state and error, and closing the dialog and reloading once it worked.
 */
export interface ConfirmedDelete<T> {
  /** The row asked about; null while no dialog is open. */
  deleting: T | null;
  ask: (item: T | null) => void;
  confirm: () => Promise<void>;
  busy: boolean;
  error: unknown;
}

export function useConfirmedDelete<T>(remove: (item: T) => Promise<unknown>, onDeleted: () => void): ConfirmedDelete<T> {
  const [deleting, setDeleting] = useState<T | null>(null);
  const { busy, error, setError, run } = useAction();

  const confirm = async () => {
    if (!deleting) return;
    await run(async () => {
      await remove(deleting);
      setDeleting(null);
      onDeleted();
    });
  };
  const ask = (item: T | null) => {
    setError(undefined);
    setDeleting(item);
  };
  return { deleting, ask, confirm, busy, error };
}
