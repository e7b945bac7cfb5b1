import type { Request } from "express";
import { ipKeyGenerator } from "express-rate-limit";
import type { Clock } from "../clock.js";

/**
 * Counts failed invitation-token lookups per address (issue 10 item 5). An office behind one
 * address registers dozens of people from their own valid links, so those are never counted;
 * what guessing looks like — unknown, used, expired or malformed tokens — is. A fixed window
 * per address, in this node's memory like the sign-in limiter (several nodes each keep their
 * own count, which only loosens the limit by the number of nodes).
 */
export interface FailedLookupLimiter {
  /** Whether this address already failed `limit` times in the current window. */
  isBlocked(req: Request): boolean;
  /** Seconds until the address's window ends (for Retry-After). */
  retryAfterSeconds(req: Request): number;
  recordFailure(req: Request): void;
}

export function failedLookupLimiter(options: { limit: number; windowMs: number; clock: Clock }): FailedLookupLimiter {
  const windows = new Map<string, { failures: number; endsAt: number }>();
  let nextSweepAt = 0;
  // IPv6 addresses are grouped by /56, as express-rate-limit does, so one host cannot rotate through its subnet.
  const keyOf = (req: Request) => ipKeyGenerator(req.ip ?? "");
  const current = (req: Request, now: number) => {
    const window = windows.get(keyOf(req));
    return window && window.endsAt > now ? window : undefined;
  };
  return {
    isBlocked(req) {
      return (current(req, options.clock.now().getTime())?.failures ?? 0) >= options.limit;
    },
    retryAfterSeconds(req) {
      const now = options.clock.now().getTime();
      return Math.max(1, Math.ceil(((current(req, now)?.endsAt ?? now) - now) / 1000));
    },
    recordFailure(req) {
      const now = options.clock.now().getTime();
      // Ended windows go at most once per window length, so guessing from many addresses cannot grow the map for ever.
      if (now >= nextSweepAt) {
        for (const [key, window] of windows) if (window.endsAt <= now) windows.delete(key);
        nextSweepAt = now + options.windowMs;
      }
      const window = current(req, now);
      if (window) window.failures += 1;
      else windows.set(keyOf(req), { failures: 1, endsAt: now + options.windowMs });
    },
  };
}
