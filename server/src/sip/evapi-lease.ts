import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "pino";

/**
 * With several server nodes exactly one drives each Kamailio (DESIGN.md §14): evapi relays every
 * event to every connected client, so two drivers would both ring agents. The driver holds a
 * Redis key (SET NX PX) and renews it; a node that dies lets it expire and another takes over.
 * Without Redis there is one node, and it drives.
 */
export interface EvapiLease {
  /** Calls `onChange(true)` when this node starts driving, `onChange(false)` when it stops. */
  start(onChange: (driving: boolean) => void): void;
  stop(): Promise<void>;
}

export const singleNodeLease = (): EvapiLease => ({
  start: (onChange) => onChange(true),
  stop: async () => {},
});

const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export function redisLease(options: { redisUrl: string; name: string; logger: Logger; ttlMs?: number }): EvapiLease {
  const ttlMs = options.ttlMs ?? 10_000;
  const key = `switchboard:sip:driver:${options.name}`;
  const me = randomBytes(8).toString("hex");
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
  redis.on("error", (err) => options.logger.debug({ err }, "evapi lease: redis error"));
  let driving = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const beat = async (onChange: (driving: boolean) => void) => {
    let holds = false;
    try {
      holds = driving
        ? (await redis.eval(RENEW, 1, key, me, ttlMs)) === 1
        : (await redis.set(key, me, "PX", ttlMs, "NX")) === "OK";
    } catch (err) {
      // Redis unreachable: stop driving before the lease could have passed to another node.
      options.logger.warn({ err }, "evapi lease: cannot reach Redis");
    }
    if (stopped) return;
    if (holds !== driving) {
      driving = holds;
      options.logger.info({ driving }, driving ? "this node drives Kamailio" : "this node no longer drives Kamailio");
      onChange(holds);
    }
  };

  return {
    start(onChange) {
      const loop = () => {
        void beat(onChange).finally(() => {
          if (!stopped) timer = setTimeout(loop, ttlMs / 3).unref();
        });
      };
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (driving) await redis.eval(RELEASE, 1, key, me).catch(() => 0);
      redis.disconnect();
    },
  };
}
