import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, "../../..");
const SOURCE_DIR = join(REPO_ROOT, "server/db/ferretdb");
export const FERRETDB_BINARY = join(REPO_ROOT, ".data/bin/ferretdb-embedded");

const hasGo = (): boolean => {
  try {
    execFileSync("go", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

/**
 * Builds our embedded FerretDB (server/db/ferretdb) with `go build` when the binary is
 * missing or older than its sources. Returns the binary path, or null without Go.
 */
export function ensureFerretDbBinary(): string | null {
  const sources = ["main.go", "go.mod", "go.sum"].map((f) => join(SOURCE_DIR, f));
  const newestSource = Math.max(...sources.map((f) => statSync(f).mtimeMs));
  if (existsSync(FERRETDB_BINARY) && statSync(FERRETDB_BINARY).mtimeMs >= newestSource) return FERRETDB_BINARY;
  if (!hasGo()) return existsSync(FERRETDB_BINARY) ? FERRETDB_BINARY : null;
  mkdirSync(dirname(FERRETDB_BINARY), { recursive: true });
  execFileSync("go", ["build", "-o", FERRETDB_BINARY, "."], { cwd: SOURCE_DIR, stdio: "inherit" });
  return FERRETDB_BINARY;
}
