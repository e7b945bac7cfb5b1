import { useState } from "react";

export interface ActionState {
  busy: boolean;
  /** What the last run threw, for the banner and field messages; cleared when the next run starts. */
  error: unknown;
  setError: (error: unknown) => void;
  /** Runs `work` once at a time: busy while it runs, a thrown error kept rather than rethrown. */
  run: (work: () => Promise<void>) => Promise<void>;
}

/** The busy flag and error of a form's or button's request, written once for every form that sends one. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
