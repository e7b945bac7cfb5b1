import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import type { AppDeps } from "./app-deps.js";
import { authRouter } from "./auth/auth.routes.js";
import { dockDownloadRouter } from "./dock-download/dock-download.routes.js";
import { healthRouter } from "./health/health.routes.js";
import { chatWidgetRouter } from "./chat-widget/chat-widget.routes.js";
import { authenticate } from "./http/authenticate.js";
import { requireDatabase } from "./http/database-available.js";
import { errorMiddleware, unknownRoute } from "./http/error-middleware.js";
import { refuseCrossOriginCookieWrites } from "./http/same-origin.js";
import { securityHeaders } from "./http/security-headers.js";
import { publicInvitationsRouter } from "./invitations/public-invitations.routes.js";
import { meRouter } from "./me/me.routes.js";
import { setupRouter } from "./setup/setup.routes.js";
import { workspaceRouter } from "./workspaces/workspace.routes.js";

export interface CreateAppOptions {
  /** Directory of the built console, served at / when present. */
  consoleDir?: string;
  /** Directory of the built dock extension, offered as a zip at /api/dock/download. */
  dockDir?: string;
}

/** Builds the Express app from its dependencies; tests build their own. */
export function createApp(deps: AppDeps, options: CreateAppOptions = {}): Express {
  const app = express();
  app.disable("x-powered-by");
  // Decides `req.ip` (rate limit keys) and `req.protocol`; see TRUST_PROXY in config.ts.
  app.set("trust proxy", deps.config.trustProxy);
  app.use(securityHeaders(deps.config));
  app.use(express.json({ limit: "1mb" }));
  app.use(cookieParser());

  const api = express.Router();
  api.use(refuseCrossOriginCookieWrites(deps.config));
  api.use("/health", healthRouter(deps.database));
  api.use(requireDatabase(deps.database));
  api.use("/setup", setupRouter(deps));
  api.use("/auth", authRouter(deps));
  api.use("/invitations", publicInvitationsRouter(deps));
  api.use("/dock", dockDownloadRouter(deps, options.dockDir));
  api.use(authenticate(deps.clock));
  api.use("/me", meRouter(deps));
  api.use("/workspaces/:ws", workspaceRouter(deps));
  api.use(unknownRoute);
  app.use("/api", api);

  if (options.consoleDir) {
    // Source maps would hand out the console's source; production builds omit them, and none is served there.
    if (deps.config.env === "production") app.get(/\.map$/, (_req, res) => void res.sendStatus(404));
    app.use(chatWidgetRouter(options.consoleDir));
    app.use(express.static(options.consoleDir, { index: "index.html", maxAge: "1h" }));
    // Client-side routes (e.g. /register/:token) get the SPA shell.
    app.get(/^\/(?!api\/|socket\.io\/|chat\/).*/, (_req, res) => res.sendFile("index.html", { root: options.consoleDir }));
  }
  app.use(errorMiddleware(deps.logger, deps.config.env !== "production"));
  return app;
}
