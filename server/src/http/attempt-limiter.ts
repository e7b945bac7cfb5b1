import type { Request, RequestHandler } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { Config } from "../config.js";
import { AppError } from "./app-error.js";

/**
 * DESIGN.md §11: sign-in and invitation acceptance are rate limited, with one budget
 * (`loginAttempts` per `loginWindowMs`). `scope` names what is counted besides the address.
 */
export function attemptLimiter(config: Pick<Config, "loginAttempts" | "loginWindowMs">, scope: (req: Request) => string, message: string): RequestHandler {
  return rateLimit({
    windowMs: config.loginWindowMs,
    limit: config.loginAttempts,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? "")}|${scope(req)}`,
    handler: (_req, _res, next) => next(new AppError("RATE_LIMITED", message)),
  });
}
