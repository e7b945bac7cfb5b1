import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inBatches, openSocket, seedPresenceBench, type Seeded } from "../../bench/presence-load.js";
import { startNode, type Child } from "../../test/processes.js";
import { SessionModel } from "../auth/session.model.js";
import { hashToken } from "../auth/tokens.js";
import { connectDatabase, disconnectDatabase } from "./connect.js";
import { startLocalDatabase, type LocalDatabase } from "./local-database.js";
import "./models.js";

// Issue 10 item 8: FerretDB stopped answering every query right after a node started against a
// database of 10,000 docks (index builds at start, all at once). Its own FerretDB: a hang here
// must not stall the other test files' database.
const MEMBERS = 10_000;
const STARTS = 20;
const ANSWER_WITHIN_MS = 45_000;

let database: LocalDatabase;
let dataDir: string;
let seeded: Seeded;
const dbName = "node_starts";

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "switchboard-starts-"));
  database = await startLocalDatabase({ prefer: "ferretdb", dataDir });
  await connectDatabase(database.uri, dbName);
  seeded = await seedPresenceBench(MEMBERS, 0, 0, 10);
}, 300_000);

afterAll(async () => {
  await disconnectDatabase().catch(() => {});
  await database?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const hung = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS)));
  return Promise.race([work, hung]).finally(() => clearTimeout(timer));
}

it(`reliability: ${STARTS} consecutive starts of a node against ${MEMBERS} members and sessions never leave the database hanging`, async () => {
  const startMs: number[] = [];
  for (let start = 0; start < STARTS; start++) {
    const began = performance.now();
    const node: Child = await within(startNode({ MONGODB_URI: database.uri, DB_NAME: dbName }), `start ${start}`);
    startMs.push(Math.round(performance.now() - began));
    try {
      // What a node meets right after it starts: docks reconnecting (session lookups, presence, the member copy).
      const docks = seeded.docks.slice(start * 50, start * 50 + 50);
      const sockets = await within(inBatches(docks, 50, (dock) => openSocket(`${node.url}/dock`, { token: dock.token, workspaceId: seeded.workspaceId })), `docks after start ${start}`);
      for (const socket of sockets) socket.close();
      const me = await within(fetch(`${node.url}/api/me`, { headers: { authorization: `Bearer ${docks[0]!.token}` } }), `GET /api/me after start ${start}`);
      expect(me.status).toBe(200);
      // A real read straight from FerretDB, not through the node: `ping` answered throughout the hang.
      const session = SessionModel.findById(hashToken(docks.at(-1)!.token)).lean();
      expect(await within(session, `session read after start ${start}`)).not.toBeNull();
    } catch (err) {
      const direct = await Promise.race([SessionModel.findOne({}).lean().then(() => "answers", (e) => String(e)), new Promise((r) => setTimeout(() => r("HUNG"), 10_000))]);
      console.info(`start ${start} failed; FerretDB direct query: ${direct}`);
      throw err;
    } finally {
      await node.stop();
    }
  }
  console.info(`${STARTS} node starts against ${MEMBERS} members: start-to-listening ms ${JSON.stringify(startMs)}`);
}, 900_000);
