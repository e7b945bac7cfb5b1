import type { Request, RequestHandler } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { Config } from "../config.js";
import { AppError } from "./app-error.js";

export interface AttemptLimiterOptions {
  /**
   * Count only refused attempts (status ≥ 400): sign-in limits guessing, so a person who keeps
   * signing in successfully (several devices, a dock that re-authenticates) is never locked out.
   */
  failedOnly?: boolean;
}

/**
 * DESIGN.md §11: sign-in (and the password-reset request) are rate limited per address and
 * account (`loginAttempts` per `loginWindowMs`); invitation links have their own failed-lookup
 * limiter (invitations/failed-lookup-limiter.ts), since an office shares one address. `scope` names what is counted besides the address;
 * it must normalize its input exactly as the route's schema does, or variants of one value
 * (" Ann@x.com", "ann@x.com") each get a budget of their own.
 * The address is `req.ip`, which follows `X-Forwarded-For` only when TRUST_PROXY says so.
 */
export function attemptLimiter(
  config: Pick<Config, "loginAttempts" | "loginWindowMs">,
  scope: (req: Request) => string,
  message: string,
  options: AttemptLimiterOptions = {},
): RequestHandler {
  return rateLimit({
    windowMs: config.loginWindowMs,
    limit: config.loginAttempts,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skipSuccessfulRequests: options.failedOnly ?? false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? "")}|${scope(req)}`,
    handler: (_req, _res, next) => next(new AppError("RATE_LIMITED", message)),
  });
}
