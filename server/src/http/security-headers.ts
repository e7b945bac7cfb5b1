import type { RequestHandler } from "express";
import helmet, { type HelmetOptions } from "helmet";
import type { Config } from "../config.js";

/**
 * Paths other sites may show in an iframe: the customer chat widget (DESIGN.md §13,
 * `/chat/:workspaceId/:queueId`, and its snippet script, which belongs under `/chat/` too).
 * Everything else — the console and the API — refuses to be framed (clickjacking).
 */
export const EMBEDDABLE_PATH = /^\/chat(\/|$)/;

type Directives = NonNullable<Exclude<HelmetOptions["contentSecurityPolicy"], boolean | undefined>["directives"]>;

/**
 * The console is a Vite build: module scripts and one stylesheet from our origin, no inline
 * script (React sets styles through the DOM, which CSP allows). `connect-src 'self'` covers
 * the API and Socket.IO's same-origin WebSocket.
 */
const consoleDirectives = (production: boolean): Directives => ({
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Over plain http (development, tests on 127.0.0.1) upgrading would break every asset.
  upgradeInsecureRequests: production ? [] : null,
});

function headersFor(config: Pick<Config, "env">, embeddable: boolean): RequestHandler {
  const production = config.env === "production";
  const directives = consoleDirectives(production);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      // The widget is framed by the businesses that embed it, on origins we do not know.
      directives: embeddable ? { ...directives, frameAncestors: ["*"] } : directives,
    },
    xFrameOptions: embeddable ? false : { action: "deny" },
    // The widget's snippet script is loaded by other sites' pages.
    crossOriginResourcePolicy: { policy: embeddable ? "cross-origin" : "same-origin" },
    // Links carry secrets in their path (/register/:token, /reset-password/:token): never send them on.
    referrerPolicy: { policy: "no-referrer" },
    // Only over https, which production is; a development browser would otherwise pin http://localhost to https.
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xContentTypeOptions: true,
  });
}

/** Security headers on every response (DESIGN.md §11), with the widget's embeddable variant. */
export function securityHeaders(config: Pick<Config, "env">): RequestHandler {
  const standard = headersFor(config, false);
  const embeddable = headersFor(config, true);
  return (req, res, next) => (EMBEDDABLE_PATH.test(req.path) ? embeddable : standard)(req, res, next);
}
