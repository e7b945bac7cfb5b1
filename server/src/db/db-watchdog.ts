import mongoose from "mongoose";
import type { Logger } from "pino";

/** What requests ask before touching the database (http/database-available.ts, health). */
export interface DatabaseStatus {
  isUp(): boolean;
}

export interface DatabaseWatchdog extends DatabaseStatus {
  /** The database is known to be gone (its process exited): down at once, restart without waiting for probes. */
  reportDead(reason: string): void;
  /** Resolves once the loop has stopped (no probe or restart is left running). */
  stop(): Promise<void>;
}

export interface WatchdogOptions {
  logger: Logger;
  /** A real query; `ping` answers even while FerretDB serves nothing else. */
  probe?: () => Promise<unknown>;
  /** Kills the database and starts it again; absent for a database we do not own (MONGODB_URI). */
  restart?: () => Promise<void>;
  intervalMs?: number;
  timeoutMs?: number;
  /** Consecutive failed probes before the database counts as down (one slow query under load is not a hang). */
  failuresBeforeDown?: number;
}

// An `_id` lookup: the one filter FerretDB v1 answers from SQLite without a scan, through the registry lock a hang holds.
const PROBE_ID = new mongoose.Types.ObjectId("000000000000000000000000");
const probeMemberships = () => mongoose.connection.db!.collection("memberships").findOne({ _id: PROBE_ID });

class ProbeTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ProbeTimeout(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs a real query every `intervalMs`; after `failuresBeforeDown` failures in a row the database
 * is down (requests get 503 DB_UNAVAILABLE at once) and, when we own it, restarted: SIGKILL, the
 * same data dir and port, and the driver reconnects by itself. Up again at the first answered probe.
 */
export function watchDatabase(options: WatchdogOptions): DatabaseWatchdog {
  const { logger, probe = probeMemberships, restart, intervalMs = 1_000, timeoutMs = 2_000, failuresBeforeDown = 2 } = options;
  let up = true;
  let failures = 0;
  let downSince = 0;
  let stopped = false;
  let wake: (() => void) | null = null;

  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      wake = () => (clearTimeout(timer), resolve());
    });

  /** Resolves true when it restarted the database: the next probe then runs at once. */
  async function check(): Promise<boolean> {
    try {
      await withTimeout(probe(), timeoutMs);
      failures = 0;
      if (!up) logger.warn({ downMs: Date.now() - downSince }, "database answers again");
      up = true;
      return false;
    } catch (err) {
      failures += 1;
      if (failures < failuresBeforeDown) return false;
      if (up) {
        up = false;
        downSince = Date.now();
        logger.error({ err }, "database is not answering");
      }
    }
    if (!restart || stopped) return false;
    logger.warn("restarting the database");
    try {
      await restart();
      failures = 0;
      return true;
    } catch (err) {
      logger.error({ err }, "database restart failed; trying again");
      return false;
    }
  }

  const loop = (async () => {
    while (!stopped) {
      const restarted = await check();
      if (!stopped && !restarted) await pause();
    }
  })();

  return {
    isUp: () => up,
    reportDead(reason) {
      if (stopped) return;
      if (up) {
        up = false;
        downSince = Date.now();
        logger.error({ reason }, "database is gone");
      }
      failures = Math.max(failures, failuresBeforeDown - 1);
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
