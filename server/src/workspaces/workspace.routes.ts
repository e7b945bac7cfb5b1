import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { loadWorkspaceMember } from "../http/authenticate.js";

/**
 * Everything under /api/workspaces/:ws. Each feature contributes a router; they all
 * run after the caller's active membership has been loaded.
 */
export function workspaceRouter(_deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  router.use(loadWorkspaceMember);
  return router;
}
