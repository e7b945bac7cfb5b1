import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitForPort } from "../src/db/free-port.js";
import { ALLOW_SHARED_EMBEDDED_DB } from "../src/db/single-node.js";

const here = dirname(fileURLToPath(import.meta.url));

export interface Child {
  process: ChildProcess;
  url: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function stopper(child: ChildProcess) {
  return (signal: NodeJS.Signals = "SIGTERM") =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
}

/** Debian's redis-server on a free port, nothing persisted. */
export async function startRedis(): Promise<Child> {
  const port = await freePort();
  const child = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await waitForPort(port, 10_000, () => child.exitCode === null);
  return { process: child, url: `redis://127.0.0.1:${port}`, stop: stopper(child) };
}

/**
 * A server node in its own process (see node-process.ts); resolves once it listens. Test nodes
 * share the run's FerretDB, which production refuses (lost updates across nodes): the multi-node
 * tests and the presence bench check fan-out through Redis, not concurrent writes to one document.
 */
export const startNode = (env: Record<string, string>): Promise<Child> =>
  startScript(join(here, "node-process.ts"), { [ALLOW_SHARED_EMBEDDED_DB]: "test", ...env });

/** Runs a TypeScript entry with tsx that prints `READY <url>` once it listens. */
export function startScript(path: string, env: Record<string, string>): Promise<Child> {
  // NODE_OPTIONS refuses --cpu-prof, so profiling a child (the bench's servers) is asked for here.
  const profile = process.env.CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CPU_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", path], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`node did not start: ${out}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, url: match[1]!, stop: stopper(child) });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}: ${out}`));
    });
  });
}
