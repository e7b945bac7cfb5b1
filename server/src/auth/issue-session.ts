import type { LoginResponse } from "@switchboard/shared";
import type { Response } from "express";
import type { Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { toPublicUser } from "../users/public-user.js";
import { createSession } from "./sessions.service.js";
import { SESSION_COOKIE, sessionCookieOptions } from "./session-cookie.js";

type SessionUser = Parameters<typeof toPublicUser>[0] & { _id: Types.ObjectId };

/** Login, setup and invitation acceptance all end here: one token, as cookie and in the body. */
export async function issueSession(res: Response, user: SessionUser, deps: AppDeps): Promise<LoginResponse> {
  const token = await createSession(user._id, deps.clock, deps.config.sessionDays);
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(deps.config.env === "production", deps.config.sessionDays * 86_400_000));
  return { token, user: toPublicUser(user) };
}
