import { acceptInvitationBodySchema, invitationTokenSchema } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { issueSession } from "../auth/issue-session.js";
import { readSessionToken } from "../auth/session-cookie.js";
import { findSessionUser } from "../auth/sessions.service.js";
import { attemptLimiter } from "../http/attempt-limiter.js";
import { acceptInvitation, previewInvitation } from "./accept-invitation.service.js";

const newAccountSchema = acceptInvitationBodySchema.options[0];

/**
 * /api/invitations/:token — reached from the e-mailed link, before the invitee has a session.
 * Mounted ahead of `authenticate`; a session, when present, is read here for existing users.
 */
export function publicInvitationsRouter(deps: AppDeps): Router {
  const router = Router();
  // Same budget as sign-in, per address: guessing tokens is as costly as guessing passwords.
  router.use(attemptLimiter(deps.config, () => "invitations", "Too many attempts. Try again later."));

  router.get("/:token", async (req, res) => {
    res.json(await previewInvitation(deps, invitationTokenSchema.parse(req.params.token)));
  });

  router.post("/:token/accept", async (req, res) => {
    const token = invitationTokenSchema.parse(req.params.token);
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
  return router;
}
