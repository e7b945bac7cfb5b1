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

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "switchboard-watchdog-"));
  database = await startLocalDatabase({ prefer: "ferretdb", dataDir });
  await connectDatabase(database.uri, "watchdog");
  // Wired as index.ts wires it.
  watchdog = watchDatabase({ logger: pino({ level: process.env.TEST_LOG ?? "silent" }), restart: () => database.restart!() });
  database.onUnexpectedExit!(() => watchdog.reportDead("the database process exited"));
  t = await startTestServer({}, {}, { database: watchdog });
  admin = await setUpWorkspace(t.api);
}, 60_000);

afterAll(async () => {
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
    const res = await fetch(`${t.url}/api/workspaces/${admin.workspaceId}/members`, { headers: { authorization: `Bearer ${admin.token}` }, signal: AbortSignal.timeout(1_000) });
    return { status: res.status, text: await res.text() };
  } catch {
    return { status: "no answer", text: "" };
  }
}

/** Polls until the server answers 200 again; returns what it answered meanwhile and how long it took. */
async function untilAnswering(since: number) {
  const meanwhile: Answer[] = [];
  for (;;) {
    const answer = await readMembers();
    if (answer.status === 200) return { meanwhile, recoveryMs: Math.round(performance.now() - since) };
    meanwhile.push(answer);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the database watchdog", () => {
  for (const [fault, signal] of [
    ["hangs (SIGSTOP)", "SIGSTOP"],
    ["dies (SIGKILL)", "SIGKILL"],
  ] as const) {
    it(`reliability: when the embedded database ${fault} it is restarted and the server answers again; meanwhile 503 DB_UNAVAILABLE without internal addresses`, async () => {
      // The previous fault's restart may still be settling (the watchdog marks the database up at its next probe).
      while ((await fetch(`${t.url}/api/health`)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await readMembers()).status).toBe(200);
      const before = database.pid;
      const since = performance.now();
      process.kill(before!, signal);
      const { meanwhile, recoveryMs } = await untilAnswering(since);
      console.info(`database ${fault}: the server answered again after ${recoveryMs} ms; meanwhile ${JSON.stringify(meanwhile.map((a) => a.status))}`);
      expect(database.pid).not.toBe(before);
      const refused = meanwhile.filter((a) => a.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      for (const answer of meanwhile.filter((a) => a.status !== "no answer")) {
        expect(answer.status).toBe(503);
        expect(JSON.parse(answer.text)).toEqual({ error: { code: "DB_UNAVAILABLE", message: expect.any(String) } });
        expect(answer.text).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b/);
      }
      expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
    }, RECOVERY_BOUND_MS);
  }
});
