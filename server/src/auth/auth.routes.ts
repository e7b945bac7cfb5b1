import { attemptedEmailOf, loginBodySchema } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { AppError } from "../http/app-error.js";
import { attemptLimiter } from "../http/attempt-limiter.js";
import { authenticate } from "../http/authenticate.js";
import { UserModel } from "../users/user.model.js";
import { issueSession } from "./issue-session.js";
import { passwordRouter } from "./password.routes.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { SESSION_COOKIE } from "./session-cookie.js";
import { SessionModel } from "./session.model.js";
import { destroySession } from "./sessions.service.js";

export function authRouter(deps: AppDeps): Router {
  const router = Router();
  // Per address and account, so one attacker cannot lock everyone out and cannot spray one account;
  // failed attempts only, so signing in often never locks the owner out.
  const loginLimiter = attemptLimiter(deps.config, (req) => attemptedEmailOf(req.body), "Too many sign-in attempts. Try again later.", {
    failedOnly: true,
  });

  router.post("/login", loginLimiter, async (req, res) => {
    const { email, password } = loginBodySchema.parse(req.body);
    const user = await UserModel.findOne({ emailLower: email }).lean();
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) throw new AppError("UNAUTHENTICATED", "Wrong e-mail or password.");
    res.json(await issueSession(res, user, deps));
  });

  router.use(passwordRouter(deps));

  router.post("/logout", authenticate(deps.clock), async (req, res) => {
    const auth = req.auth!;
    // A dock's session fetched SIP credentials: signing out of it revokes them (sip/sip-revocation.ts).
    const hadSipCredentials = Boolean((await SessionModel.findById(auth.tokenHash, { sipIssuedAt: 1 }).lean())?.sipIssuedAt);
    await destroySession(auth.tokenHash);
    deps.events.emit("sessions.revoked", { userId: auth.userId, reason: "logout", tokenHash: auth.tokenHash, hadSipCredentials });
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  return router;
}
