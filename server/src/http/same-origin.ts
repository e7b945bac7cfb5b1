import type { Request, RequestHandler } from "express";
import type { Config } from "../config.js";
import { SESSION_COOKIE } from "../auth/session-cookie.js";
import { AppError } from "./app-error.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a browser sent this request from our own pages. `Sec-Fetch-Site` is set by the
 * browser and cannot be forged by a page; `Origin` is the fallback for browsers without it.
 * Our origin is the one the request reached (`Host`) or PUBLIC_URL's (behind a proxy that
 * rewrites Host). A request with neither header is not from a browser — a script holding the
 * cookie itself, which is no forgery — since every current browser sends at least one of them
 * on POST/PUT/PATCH/DELETE.
 */
function isSameOrigin(req: Request, publicUrl: string): boolean {
  const site = req.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = req.get("origin");
  if (origin === undefined) return true;
  const own = [`${req.protocol}://${req.get("host") ?? ""}`, new URL(publicUrl).origin];
  return own.includes(origin);
}

/**
 * CSRF (DESIGN.md §11): the console's session cookie rides along with any request the browser
 * makes to us, so a write carried by the cookie must come from our own origin. SameSite=Lax
 * stops other sites, not other origins of the same site (another port, a sibling subdomain).
 * Bearer tokens are never sent by the browser on its own, so those clients are unaffected.
 */
export function refuseCrossOriginCookieWrites(config: Pick<Config, "publicUrl">): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.headers.authorization?.startsWith("Bearer ")) return next();
    const cookies = req.cookies as Record<string, string> | undefined;
    if (!cookies?.[SESSION_COOKIE]) return next();
    if (isSameOrigin(req, config.publicUrl)) return next();
    next(new AppError("CSRF_REJECTED", "This request did not come from Switchboard's own pages, so it was refused. Reload the page and try again."));
  };
}
