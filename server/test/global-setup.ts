import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalDatabase, type LocalDatabase } from "../src/db/local-database.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

let database: LocalDatabase | undefined;
let dataDir: string | undefined;

/** One FerretDB per test run; each test file then uses a database of its own. */
export async function setup(project: TestProject) {
  dataDir = mkdtempSync(join(tmpdir(), "switchboard-ferretdb-"));
  database = await startLocalDatabase({ prefer: "ferretdb", dataDir });
  project.provide("mongoUri", database.uri);
}

export async function teardown() {
  await database?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
