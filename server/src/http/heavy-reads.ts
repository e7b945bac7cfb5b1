import type { RequestHandler } from "express";
import { AppError } from "./app-error.js";

export interface HeavyReadLimits {
  /** Heavy reads running at once in this process. */
  concurrent: number;
  /** Requests allowed to wait for a slot; more are refused at once. */
  queue: number;
  /** A waiting request is refused after this long. */
  maxWaitMs: number;
}

/**
 * Bounds reads that scan a collection (issue 10, item 12: paging quickly through 11,000 outbox
 * e-mails stalled the whole server, `/api/health` over 10 s). FerretDB v1 answers any filter but
 * `{ _id }` with a scan of the whole collection, so a few such reads at once take every core;
 * past the limit a request gets 503 `SERVER_BUSY` with `Retry-After` instead of piling on.
 * One limiter per app, shared by every route that uses it.
 */
export function heavyReadLimiter(limits: HeavyReadLimits): RequestHandler {
  let running = 0;
  const waiting: (() => void)[] = [];
  const busy = () => new AppError("SERVER_BUSY", "The server is busy with other large reads; try again in a moment.");
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return (_req, res, next) => {
    let released = false;
    const start = () => {
      res.once("close", () => {
        if (released) return;
        released = true;
        release();
      });
      next();
    };
    if (running < limits.concurrent) {
      running++;
      return start();
    }
    res.setHeader("Retry-After", String(Math.max(1, Math.ceil(limits.maxWaitMs / 1000))));
    if (waiting.length >= limits.queue) return next(busy());
    // A slot handed over by release() keeps `running` as it is.
    const leave = () => {
      clearTimeout(timer);
      res.off("close", leave);
      const at = waiting.indexOf(handOver);
      if (at >= 0) waiting.splice(at, 1);
    };
    const handOver = () => {
      leave();
      res.removeHeader("Retry-After");
      start();
    };
    const timer = setTimeout(() => (leave(), next(busy())), limits.maxWaitMs);
    res.once("close", leave); // the client gave up while waiting
    waiting.push(handOver);
  };
}
