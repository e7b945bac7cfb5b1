import { loginBodySchema } from "@switchboard/shared";
import { Router } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { AppDeps } from "../app-deps.js";
import { AppError } from "../http/app-error.js";
import { authenticate } from "../http/authenticate.js";
import { UserModel } from "../users/user.model.js";
import { issueSession } from "./issue-session.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { SESSION_COOKIE } from "./session-cookie.js";
import { destroySession } from "./sessions.service.js";

export function authRouter(deps: AppDeps): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: deps.config.loginWindowMs,
    limit: deps.config.loginAttempts,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // Per address and account, so one attacker cannot lock everyone out and cannot spray one account.
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? "")}|${String((req.body as { email?: unknown })?.email ?? "").toLowerCase()}`,
    handler: (_req, _res, next) => next(new AppError("RATE_LIMITED", "Too many sign-in attempts. Try again later.")),
  });

  router.post("/login", loginLimiter, async (req, res) => {
    const { email, password } = loginBodySchema.parse(req.body);
    const user = await UserModel.findOne({ emailLower: email }).lean();
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) throw new AppError("UNAUTHENTICATED", "Wrong e-mail or password.");
    res.json(await issueSession(res, user, deps));
  });

  router.post("/logout", authenticate(deps.clock), async (req, res) => {
    const auth = req.auth!;
    await destroySession(auth.tokenHash);
    deps.events.emit("sessions.revoked", { userId: auth.userId, reason: "logout", tokenHash: auth.tokenHash });
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  return router;
}
