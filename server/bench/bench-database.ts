import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectDatabase, disconnectDatabase } from "../src/db/connect.js";
import { startLocalDatabase } from "../src/db/local-database.js";
import type { Child } from "../test/processes.js";

/** How a bench names the engine it ran on, for its section of docs/benchmarks.md. */
export const engineLabel = (kind: string) => `${kind}${kind === "ferretdb" ? " (FerretDB v1.24.2, SQLite handler)" : ""}`;

/**
 * Runs a benchmark against MONGODB_URI when set (its database dropped afterwards), else a fresh
 * embedded FerretDB (the CI engine) in a temporary directory, connected as `<name>_<time>`.
 */
export async function withBenchDatabase(name: string, run: (kind: string) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "switchboard-bench-"));
  const external = process.env.MONGODB_URI;
  const database = external ? { kind: "external", uri: external, stop: async () => {} } : await startLocalDatabase({ prefer: "ferretdb", dataDir });
  // Interrupting a long run must not leave the database process behind.
  const stopOnSignal = () => void database.stop().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal).once("SIGTERM", stopOnSignal);
  try {
    await connectDatabase(database.uri, `${name}_${Date.now()}`);
    await run(database.kind);
    if (external) await (await import("mongoose")).default.connection.dropDatabase();
  } finally {
    process.off("SIGINT", stopOnSignal).off("SIGTERM", stopOnSignal);
    await disconnectDatabase();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * For the benches whose servers run in child processes: a fresh embedded FerretDB connected as
 * `dbName`, and a list the bench adds its children to; all of them are stopped afterwards.
 */
export async function withChildServers(dbName: string, run: (uri: string, children: Child[]) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `switchboard-${dbName}-`));
  const database = await startLocalDatabase({ prefer: "ferretdb", dataDir });
  const children: Child[] = [];
  try {
    await connectDatabase(database.uri, dbName);
    await run(database.uri, children);
  } finally {
    for (const child of children.reverse()) await child.stop();
    await disconnectDatabase().catch(() => {});
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
