import { useState } from "react";
import { useAction } from "../lib/use-action";

/**
 * The delete-with-confirmation flow of a list page: which row is asked about, the request's
 * busy state and error, and closing the dialog and reloading once it worked.
 */
export function useConfirmedDelete<T>(remove: (item: T) => Promise<unknown>, onDeleted: () => void) {
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
