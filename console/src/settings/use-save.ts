import { useState } from "react";
import { useAction } from "../lib/use-action";

export interface SaveState {
  busy: boolean;
  saved: boolean;
  error: unknown;
  /** Runs `save`; a thrown error is kept for the banner and handed to `onError` (field messages). */
  run: (save: () => Promise<void>, onError?: (error: unknown) => void) => Promise<void>;
  touch: () => void;
}

/** useAction plus "saved": true once the last run worked, until the next run or a `touch` (an edit). */
export function useSave(): SaveState {
  const action = useAction();
  const [saved, setSaved] = useState(false);

  const run = (save: () => Promise<void>, onError?: (error: unknown) => void) => {
    setSaved(false);
    return action.run(async () => {
      try {
        await save();
      } catch (err) {
        onError?.(err);
        throw err;
      }
      setSaved(true);
    });
  };
  return { busy: action.busy, saved, error: action.error, run, touch: () => setSaved(false) };
}
