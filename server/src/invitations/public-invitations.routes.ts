import { acceptInvitationBodySchema, invitationTokenSchema, type ErrorCode } from "@switchboard/shared";
import { Router, type ErrorRequestHandler } from "express";
import type { AppDeps } from "../app-deps.js";
import { issueSession } from "../auth/issue-session.js";
import { readSessionToken } from "../auth/session-cookie.js";
import { findSessionUser } from "../auth/sessions.service.js";
import { AppError } from "../http/app-error.js";
import { acceptInvitation, previewInvitation } from "./accept-invitation.service.js";
import { failedLookupLimiter } from "./failed-lookup-limiter.js";

const newAccountSchema = acceptInvitationBodySchema.options[0];

/** A token that names no open invitation; a bad body or a sign-in needed with a real token is no guess. */
const FAILED_LOOKUP_CODES: ReadonlySet<ErrorCode> = new Set(["NOT_FOUND", "INVITATION_EXPIRED", "INVITATION_NOT_PENDING"]);

/**
 * /api/invitations/:token — reached from the e-mailed link, before the invitee has a session.
 * Mounted ahead of `authenticate`; a session, when present, is read here for existing users.
 */
export function publicInvitationsRouter(deps: AppDeps): Router {
  const router = Router();
  const failedLookups = failedLookupLimiter({ limit: deps.config.invitationLookupFailures, windowMs: deps.config.invitationLookupWindowMs, clock: deps.clock });

  // An address that failed too often is refused whatever token it brings next: answering a valid
  // one would tell a guesser which of their guesses worked.
  router.use((req, res, next) => {
    if (!failedLookups.isBlocked(req)) return next();
    res.setHeader("Retry-After", String(failedLookups.retryAfterSeconds(req)));
    next(new AppError("RATE_LIMITED", "Too many invalid invitation links from this address. Try again later."));
  });

  router.param("token", (req, _res, next, value: string) => {
    const parsed = invitationTokenSchema.safeParse(value);
    if (parsed.success) return next();
    failedLookups.recordFailure(req);
    const message = parsed.error.issues[0]?.message ?? "Malformed invitation token";
    next(new AppError("VALIDATION_FAILED", `token: ${message}`, { issues: [{ path: "token", message }] }));
  });

  router.get("/:token", async (req, res) => {
    res.json(await previewInvitation(deps, String(req.params.token)));
  });

  router.post("/:token/accept", async (req, res) => {
    const token = String(req.params.token);
    // An empty body means "join as the signed-in user"; anything else must be a complete new account,
    // parsed on its own so errors name the field (a union would report only "(root)").
    const raw: unknown = req.body ?? {};
    const isEmpty = typeof raw === "object" && raw !== null && !Array.isArray(raw) && Object.keys(raw).length === 0;
    const body = isEmpty ? {} : newAccountSchema.parse(raw);
    const sessionToken = readSessionToken(req);
    const session = sessionToken ? await findSessionUser(sessionToken, deps.clock) : null;
    const signedInUserId = session ? String(session.user._id) : null;
    const { user, workspaceId, landing } = await acceptInvitation(deps, token, body, signedInUserId);
    const issued = await issueSession(res, user, deps);
    res.json({ ...issued, workspace: { id: workspaceId }, landing });
  });

  router.use(((err, req, _res, next) => {
    if (err instanceof AppError && FAILED_LOOKUP_CODES.has(err.code)) failedLookups.recordFailure(req);
    next(err);
  }) satisfies ErrorRequestHandler);
  return router;
}
