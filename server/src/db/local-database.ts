import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ensureFerretDbBinary, REPO_ROOT } from "./ferretdb-binary.js";
import { freePort, waitForPort } from "./free-port.js";

export interface LocalDatabase {
  kind: "external" | "mongod" | "ferretdb" | "memory";
  /** Base URI without a database name. */
  uri: string;
  /** The daemon's process id when we started one. */
  readonly pid?: number;
  /** Kills our daemon and starts it again on the same data dir and port; absent when we do not own it. */
  restart?(): Promise<void>;
  /** Called when our daemon exits without being asked to (killed, crashed). */
  onUnexpectedExit?(listener: () => void): void;
  stop(): Promise<void>;
}

export interface LocalDatabaseOptions {
  dataDir?: string;
  port?: number;
  /** Tests pin FerretDB so every run exercises the same engine as CI. */
  prefer?: "ferretdb";
  env?: NodeJS.ProcessEnv;
}

const onPath = (cmd: string): boolean => {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

/** Spawns the daemon and resolves once its port accepts connections; reports its log on failure. */
async function spawnDaemon(kind: LocalDatabase["kind"], cmd: string, args: string[], port: number): Promise<ChildProcess> {
  const child: ChildProcess = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  try {
    await waitForPort(port, 30_000, () => child.exitCode === null);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${kind} did not start: ${(err as Error).message}\n--- ${kind} log ---\n${log}`);
  }
  return child;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function stopChild(child: ChildProcess, signal: NodeJS.Signals, killAfterMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (exited(child)) return resolve();
    const killer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.once("exit", () => (clearTimeout(killer), resolve()));
    child.kill(signal);
  });
}

/** A daemon we own: the watchdog may restart it on the same data dir and port. */
async function startDaemon(kind: LocalDatabase["kind"], cmd: string, args: string[], port: number): Promise<LocalDatabase> {
  const exitListeners: Array<() => void> = [];
  let expectingExit = false;
  const spawnWatched = async () => {
    const started = await spawnDaemon(kind, cmd, args, port);
    started.once("exit", () => expectingExit || exitListeners.forEach((listener) => listener()));
    return started;
  };
  let child = await spawnWatched();
  return {
    kind,
    uri: `mongodb://127.0.0.1:${port}/`,
    get pid() {
      return child.pid;
    },
    onUnexpectedExit: (listener) => void exitListeners.push(listener),
    async restart() {
      // SIGKILL: a hung FerretDB does not finish a graceful stop, and SQLite survives a kill.
      expectingExit = true;
      await stopChild(child, "SIGKILL", 0);
      expectingExit = false;
      child = await spawnWatched();
    },
    stop: () => ((expectingExit = true), stopChild(child, "SIGTERM", 5_000)),
  };
}

/**
 * The database for `npm start` and the tests (DESIGN.md §2): MONGODB_URI when set;
 * else a local mongod; else our embedded FerretDB (SQLite handler); else mongodb-memory-server.
 */
export async function startLocalDatabase(options: LocalDatabaseOptions = {}): Promise<LocalDatabase> {
  const env = options.env ?? process.env;
  if (env.MONGODB_URI && options.prefer !== "ferretdb") {
    return { kind: "external", uri: env.MONGODB_URI, stop: async () => {} };
  }
  const dataDir = options.dataDir ?? join(REPO_ROOT, ".data");
  const port = options.port ?? (await freePort());

  if (options.prefer !== "ferretdb" && onPath("mongod")) {
    const dbPath = join(dataDir, "mongod");
    mkdirSync(dbPath, { recursive: true });
    return startDaemon("mongod", "mongod", ["--dbpath", dbPath, "--port", String(port), "--bind_ip", "127.0.0.1"], port);
  }

  const binary = ensureFerretDbBinary();
  if (binary) {
    const sqliteDir = join(dataDir, "ferretdb");
    mkdirSync(sqliteDir, { recursive: true });
    return startDaemon("ferretdb", binary, ["-listen", `127.0.0.1:${port}`, "-data", sqliteDir], port);
  }

  // Last resort; not a dependency of ours because it downloads mongod at run time.
  const moduleName = "mongodb-memory-server";
  try {
    const { MongoMemoryServer } = (await import(moduleName)) as {
      MongoMemoryServer: { create(): Promise<{ getUri(): string; stop(): Promise<unknown> }> };
    };
    const server = await MongoMemoryServer.create();
    return { kind: "memory", uri: server.getUri(), stop: async () => void (await server.stop()) };
  } catch {
    throw new Error("No database: set MONGODB_URI, install mongod, or install Go so the embedded FerretDB can be built.");
  }
}
