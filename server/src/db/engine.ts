import type { DatabaseEngine } from "./connect.js";

let embedded: boolean | undefined;

/** connectDatabase() tells which engine it found. */
export function rememberEngine(engine: DatabaseEngine): void {
  embedded = engine === "ferretdb";
}

/**
 * The filter for a conditional write to one document. MongoDB evaluates the conditions atomically
 * with the write, which is what makes a claim safe between server nodes. FerretDB v1 (SQLite)
 * pushes down only a filter that is exactly `{ _id }` and scans the whole collection for anything
 * more (internal/backends/sqlite/collection.go), while its update is a read and write-back anyway;
 * there the caller has checked the conditions on the document it just read by `_id`, and the one
 * node allowed on the embedded database serializes its own writes.
 */
export function byIdWhere(id: unknown, conditions: Record<string, unknown>): Record<string, unknown> {
  return embedded === false ? { _id: id, ...conditions } : { _id: id };
}

/** True on MongoDB, where several server nodes may share the database (the embedded one allows one node). */
export const sharedAcrossNodes = (): boolean => embedded === false;
