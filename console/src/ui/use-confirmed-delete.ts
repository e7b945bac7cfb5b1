import { useState } from "react";

/**
 * The delete-with-confirmation flow of a list page: which row is asked about, the request's
 * busy state and error, and closing the dialog and reloading once it worked.
 */
export function useConfirmedDelete<T>(remove: (item: T) => Promise<unknown>, onDeleted: () => void) {
  const [deleting, setDeleting] = useState<T | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (!deleting) return;
    setBusy(true);
    setError(undefined);
    try {
      await remove(deleting);
      setDeleting(null);
      onDeleted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const ask = (item: T | null) => {
    setError(undefined);
    setDeleting(item);
  };
  return { deleting, ask, confirm, busy, error };
}
