/** True when a bulk write failed only on unique keys: what an idempotent insert expects on a repeat. */
export function isOnlyDuplicateKeyErrors(err: unknown): boolean {
  const writeErrors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors ?? [];
  return writeErrors.length > 0 && writeErrors.every((e) => (e.code ?? e.err?.code) === 11000);
}

/** MongoDB's (and FerretDB's) duplicate key error: a unique index refused the write. */
export const isDuplicateKey = (err: unknown): err is { code: 11000; keyValue?: Record<string, unknown> } =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === 11000;

/**
 * Runs a write and, when a unique index refuses it, answers with `onDuplicate()` instead: a value
 * (a concurrent writer got there first and that is fine) or a throw (an AppError that says why).
 * Any other failure passes through.
 */
export async function onDuplicateKey<T, D>(write: PromiseLike<T>, onDuplicate: () => D): Promise<T | D> {
  try {
    return await write;
  } catch (err) {
    if (isDuplicateKey(err)) return onDuplicate();
    throw err;
  }
}
