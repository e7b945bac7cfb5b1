import { attemptedEmailOf, changePasswordBodySchema, passwordResetBodySchema, passwordResetRequestSchema, passwordResetTokenSchema } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { attemptLimiter } from "../http/attempt-limiter.js";
import { authenticate } from "../http/authenticate.js";
import { changePassword, requestPasswordReset, resetPassword } from "./password.service.js";

/** /api/auth/password… (DESIGN.md §12): change one's own password; forgot-password by e-mail. */
export function passwordRouter(deps: AppDeps): Router {
  const router = Router();
  const { config, logger } = deps;

  // Someone holding a stolen session must not get to guess the current password freely.
  const changeLimiter = attemptLimiter(config, (req) => `password:${req.auth?.userId ?? ""}`, "Too many attempts. Try again later.", { failedOnly: true });
  router.post("/password", authenticate(deps.clock), changeLimiter, async (req, res) => {
    const body = changePasswordBodySchema.parse(req.body);
    await changePassword(deps, req.auth!, body);
    res.status(204).end();
  });

  // Every request may send an e-mail, so all of them count (per address and account: no mail bombing one inbox).
  const requestLimiter = attemptLimiter(config, (req) => `reset:${attemptedEmailOf(req.body)}`, "Too many reset requests. Try again later.");
  router.post("/password-reset", requestLimiter, (req, res) => {
    const { email } = passwordResetRequestSchema.parse(req.body);
    // Answered before looking the account up, so the answer and its timing are the same whether or not it exists.
    res.status(202).json({ ok: true });
    requestPasswordReset(deps, email).catch((err: unknown) => logger.error({ err }, "password reset e-mail failed"));
  });

  const useLimiter = attemptLimiter(config, () => "reset-link", "Too many attempts. Try again later.", { failedOnly: true });
  router.post("/password-reset/:token", useLimiter, async (req, res) => {
    const token = passwordResetTokenSchema.parse(req.params.token);
    const { newPassword } = passwordResetBodySchema.parse(req.body);
    await resetPassword(deps, token, newPassword);
    res.status(204).end();
  });
  return router;
}
