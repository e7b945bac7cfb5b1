/**
 * `npm run bench`: every benchmark, one after the other (each starts its own database).
 * The presence, routing and SIP load benchmarks are scripts of their own (they start child servers and end
 * with process.exit), so they run as child processes; their tables are printed and written to
 * docs/benchmarks.md.
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runListsBench } from "./lists.bench.js";
import { runMembersListBench } from "./members-list.bench.js";
import { runOutboxBench } from "./outbox.bench.js";

const here = dirname(fileURLToPath(import.meta.url));

function runScript(path: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", path], { stdio: "inherit" });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward).on("SIGTERM", forward);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", forward).off("SIGTERM", forward);
      if (code === 0) resolve();
      else reject(new Error(`${path} ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}

console.log("== members list ==");
await runMembersListBench();
console.log("\n== every list endpoint ==");
await runListsBench();
console.log("\n== outbox ==");
await runOutboxBench();
console.log("\n== presence fan-out ==");
await runScript(join(here, "presence.bench.ts"));
console.log("\n== routing: enqueue → offer ==");
await runScript(join(here, "routing.bench.ts"));
console.log("\n== SIP load: queue calls through Kamailio ==");
await runScript(join(here, "sip-load.bench.ts"));
