import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { connectDatabase } from "./connect.js";
import { watchDatabase, type DatabaseWatchdog } from "./db-watchdog.js";
import { startLocalDatabase, type LocalDatabase } from "./local-database.js";
import "./models.js";

// Its own FerretDB: stopping the run's shared one would stall every other test file.
const RECOVERY_BOUND_MS = 15_000;

let dataDir: string;
let database: LocalDatabase;
let watchdog: DatabaseWatchdog;
let t: TestServer;
let admin: Awaited<ReturnType<typeof setUpWorkspace>>;
// Holds the restart back so the test can look at the server while the database is down.
let restartGate: Promise<void> = Promise.resolve();
let openRestartGate = () => {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "switchboard-watchdog-"));
  database = await startLocalDatabase({ prefer: "ferretdb", dataDir });
  await connectDatabase(database.uri, "watchdog");
  // Wired as index.ts wires it.
  const restart = async () => {
    await restartGate;
    await database.restart!();
  };
  watchdog = watchDatabase({ logger: pino({ level: process.env.TEST_LOG ?? "silent" }), restart });
  database.onUnexpectedExit!(() => watchdog.reportDead("the database process exited"));
  t = await startTestServer({}, {}, { database: watchdog });
  admin = await setUpWorkspace(t.api);
}, 60_000);

afterAll(async () => {
  openRestartGate();
  await watchdog?.stop();
  await t?.close();
  await database?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number | "no answer";
  text: string;
}

/** A request that needs the database (session lookup, member list); a hung one is cut off client-side. */
async function readMembers(): Promise<Answer> {
  try {
    const res = await fetch(`${t.url}/api/workspaces/${admin.workspaceId}/members`, { headers: { authorization: `Bearer ${admin.token}` }, signal: AbortSignal.timeout(3_000) });
    return { status: res.status, text: await res.text() };
  } catch {
    return { status: "no answer", text: "" };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const health = async () => (await fetch(`${t.url}/api/health`)).status;

describe("the database watchdog", () => {
  for (const [fault, signal] of [
    ["hangs (SIGSTOP)", "SIGSTOP"],
    ["dies (SIGKILL)", "SIGKILL"],
  ] as const) {
    it(`reliability: when the embedded database ${fault}, requests get 503 DB_UNAVAILABLE at once without internal addresses; it is restarted and the server answers again`, async () => {
      // The previous fault's restart may still be settling (the watchdog marks the database up at its next probe).
      while ((await health()) !== 200) await pause(100);
      expect((await readMembers()).status).toBe(200);
      restartGate = new Promise((resolve) => (openRestartGate = resolve));
      const before = database.pid;
      const since = performance.now();
      process.kill(before!, signal);

      while ((await health()) !== 503) await pause(100);
      const detectedMs = Math.round(performance.now() - since);
      const whileDown = await Promise.all(Array.from({ length: 5 }, readMembers));
      for (const answer of whileDown) {
        expect(answer.status).toBe(503);
        expect(JSON.parse(answer.text)).toEqual({ error: { code: "DB_UNAVAILABLE", message: expect.any(String) } });
        expect(answer.text).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b/);
      }

      openRestartGate();
      while ((await readMembers()).status !== 200) await pause(100);
      const recoveryMs = Math.round(performance.now() - since);
      console.info(`database ${fault}: detected after ${detectedMs} ms, the server answered again ${recoveryMs} ms after the fault`);
      expect(database.pid).not.toBe(before);
      expect(await health()).toBe(200);
    }, RECOVERY_BOUND_MS);
  }
});
