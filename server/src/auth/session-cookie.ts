import type { CookieOptions, Request } from "express";

export const SESSION_COOKIE = "sb_session";

export const sessionCookieOptions = (secure: boolean, maxAgeMs: number): CookieOptions => ({
  httpOnly: true,
  sameSite: "lax",
  secure,
  path: "/",
  maxAge: maxAgeMs,
});

/** The console sends the cookie; the dock and integrations send `Authorization: Bearer`. */
export function readSessionToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7).trim();
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie ?? null;
}
