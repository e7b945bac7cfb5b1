import { useState } from "react";

export interface SaveState {
  busy: boolean;
  saved: boolean;
  error: unknown;
  /** Runs `save`; a thrown error is kept for the banner and handed to `onError` (field messages). */
  run: (save: () => Promise<void>, onError?: (error: unknown) => void) => Promise<void>;
  touch: () => void;
}

export function useSave(): SaveState {
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();

  const run = async (save: () => Promise<void>, onError?: (error: unknown) => void) => {
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      await save();
      setSaved(true);
    } catch (err) {
      setError(err);
      onError?.(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, saved, error, run, touch: () => setSaved(false) };
}
