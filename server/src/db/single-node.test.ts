import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "./ferretdb-binary.js";
import { ALLOW_SHARED_EMBEDDED_DB } from "./single-node.js";

/** Runs a server entry to its exit (a refused start exits before listening). */
function runToExit(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !["MONGODB_URI", "REDIS_URL", ALLOW_SHARED_EMBEDDED_DB].includes(key)));
  const child = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, entry)], { env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve) => child.once("exit", (code) => (clearTimeout(killer), resolve({ code, stderr, stdout }))));
}

describe("several server nodes on the embedded database", () => {
  it("reliability: refuses to start with REDIS_URL and no MONGODB_URI, saying several nodes need MONGODB_URI", async () => {
    const run = await runToExit("server/src/index.ts", { REDIS_URL: "redis://127.0.0.1:9", PORT: "0", LOG_LEVEL: "silent" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("several nodes need MONGODB_URI");
    expect(run.stdout).not.toContain("Switchboard is running");
  }, 90_000);

  it("reliability: refuses a node with REDIS_URL whose MONGODB_URI points at a FerretDB", async () => {
    const env = { MONGODB_URI: inject("mongoUri"), DB_NAME: `t_${randomBytes(6).toString("hex")}`, REDIS_URL: "redis://127.0.0.1:9" };
    const run = await runToExit("server/test/node-process.ts", env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("several nodes need MONGODB_URI");
    expect(run.stdout).not.toContain("READY");
  }, 90_000);
});
