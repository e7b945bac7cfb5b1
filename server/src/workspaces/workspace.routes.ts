import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { auditRouter } from "../audit/audit.routes.js";
import { contactsRouter } from "../contacts/contacts.routes.js";
import { loadWorkspaceMember } from "../http/authenticate.js";
import { heavyReadLimiter } from "../http/heavy-reads.js";
import { invitationsRouter } from "../invitations/invitations.routes.js";
import { outboxRouter } from "../mail/outbox.routes.js";
import { membersRouter } from "../members/members.routes.js";
import { presenceRouter } from "../presence/presence.routes.js";
import { settingsRouter } from "../settings/settings.routes.js";
import { interactionsRouter } from "../routing/interactions.routes.js";
import { queuesRouter } from "../routing/queues.routes.js";
import { teamsRouter } from "../teams/teams.routes.js";
import { callReferencesRouter } from "../sip/call-references.routes.js";

/**
 * Everything under /api/workspaces/:ws. Each feature contributes a router; they all
 * run after the caller's active membership has been loaded.
 */
export function workspaceRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  router.use(loadWorkspaceMember(deps));
  router.use(settingsRouter(deps));
  router.use("/teams", teamsRouter(deps));
  router.use("/contacts", contactsRouter(deps));
  router.use("/members", membersRouter(deps));
  router.use("/invitations", invitationsRouter(deps));
  router.use("/audit", auditRouter());
  router.use("/outbox", outboxRouter(heavyReadLimiter(deps.config.heavyReads)));
  router.use("/presence", presenceRouter(deps));
  router.use("/queues", queuesRouter(deps));
  router.use("/interactions", interactionsRouter(deps));
  router.use("/calls/references", callReferencesRouter(deps));
  return router;
}
