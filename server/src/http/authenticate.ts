import type { RequestHandler } from "express";
import { objectIdSchema } from "@switchboard/shared";
import { findSessionUser } from "../auth/sessions.service.js";
import { readSessionToken } from "../auth/session-cookie.js";
import type { Clock } from "../clock.js";
import type { AppDeps } from "../app-deps.js";
import { toMemberContext } from "../members/member-context.js";
import { membershipsOf } from "../members/membership-cache.js";
import { presenceServiceOf } from "../presence/presence.service.js";
import { AppError } from "./app-error.js";
import "./request-context.js";

/** Every /api route but health, setup, login and invitation previews passes through here. */
export function authenticate(clock: Clock): RequestHandler {
  return async (req, _res, next) => {
    const token = readSessionToken(req);
    const found = token ? await findSessionUser(token, clock) : null;
    if (!found) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    req.auth = { userId: String(found.user._id), tokenHash: found.tokenHash, user: found.user };
    next();
  };
}

/**
 * Loads the caller's active membership of `:ws` from the workspace's in-memory copy (kept in step
 * by membership events); revoked or absent members get 403. A revoked member's sessions are
 * deleted as well, so the session check above already stops them on every node.
 */
export function loadWorkspaceMember(deps: AppDeps): RequestHandler {
  const memberships = membershipsOf(deps);
  return async (req, _res, next) => {
    const workspaceId = objectIdSchema.parse(req.params.ws);
    const auth = req.auth!;
    const membership = await memberships.find(workspaceId, auth.userId);
    if (!membership) throw new AppError("FORBIDDEN", "You are not a member of this workspace.");
    req.member = toMemberContext(membership);
    // "Last active" follows console use too, not only docks (throttled in the presence service).
    presenceServiceOf(deps).noteConsoleActivity(req.member);
    next();
  };
}
