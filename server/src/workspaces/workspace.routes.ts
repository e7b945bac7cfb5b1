import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { contactsRouter } from "../contacts/contacts.routes.js";
import { loadWorkspaceMember } from "../http/authenticate.js";
import { settingsRouter } from "../settings/settings.routes.js";
import { teamsRouter } from "../teams/teams.routes.js";

/**
 * Everything under /api/workspaces/:ws. Each feature contributes a router; they all
 * run after the caller's active membership has been loaded.
 */
export function workspaceRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  router.use(loadWorkspaceMember);
  router.use(settingsRouter(deps));
  router.use("/teams", teamsRouter(deps));
  router.use("/contacts", contactsRouter(deps));
  return router;
}
