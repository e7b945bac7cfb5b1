import { AsyncLocalStorage } from "node:async_hooks";
import mongoose from "mongoose";

/**
 * FerretDB v1 applies an update by reading the document and writing it back, so two
 * concurrent writes to one document can lose one (DESIGN.md §2: a settings save undid a
 * revoke). On the embedded database every write of this process therefore goes through one
 * queue, patched into the driver's Collection so no model, script or service can forget it.
 * Reads stay concurrent. One process only: several nodes need MongoDB (see single-node.ts).
 */
const WRITE_METHODS = [
  "insertOne",
  "insertMany",
  "updateOne",
  "updateMany",
  "replaceOne",
  "deleteOne",
  "deleteMany",
  "findOneAndUpdate",
  "findOneAndReplace",
  "findOneAndDelete",
  "bulkWrite",
] as const;

type WriteMethod = (typeof WRITE_METHODS)[number];
type AnyMethod = (this: unknown, ...args: unknown[]) => Promise<unknown>;

// The driver's insertMany calls this.bulkWrite: a write already holding the queue runs straight through.
const holdingQueue = new AsyncLocalStorage<true>();
let tail: Promise<unknown> = Promise.resolve();
let originals: Map<WriteMethod, AnyMethod> | null = null;

function enqueue<T>(write: () => Promise<T>): Promise<T> {
  if (holdingQueue.getStore()) return write();
  const run = tail.then(() => holdingQueue.run(true, write));
  // The next write waits for this one to settle, whatever its outcome.
  tail = run.catch(() => {});
  return run;
}

/** Routes every write of the MongoDB driver in this process through one queue; idempotent. */
export function serializeWrites(): void {
  if (originals) return;
  const prototype = mongoose.mongo.Collection.prototype as unknown as Record<WriteMethod, AnyMethod>;
  originals = new Map(WRITE_METHODS.map((name) => [name, prototype[name]]));
  for (const [name, original] of originals) {
    prototype[name] = function serializedWrite(this: unknown, ...args: unknown[]) {
      return enqueue(() => original.apply(this, args));
    };
  }
}

/** Restores the driver's own methods (a test proving what the queue prevents). */
export function stopSerializingWrites(): void {
  if (!originals) return;
  const prototype = mongoose.mongo.Collection.prototype as unknown as Record<WriteMethod, AnyMethod>;
  for (const [name, original] of originals) prototype[name] = original;
  originals = null;
}

export const writesAreSerialized = (): boolean => originals !== null;
