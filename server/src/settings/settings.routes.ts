import {
  channelBodySchema,
  checkWorkspaceSettingsRead,
  integrationBodySchema,
  memberSettingsBodySchema,
  objectIdSchema,
  workspaceSettingsBodySchema,
} from "@switchboard/shared";
import { Router, type RequestHandler } from "express";
import type { AppDeps } from "../app-deps.js";
import { refuseIf } from "../http/app-error.js";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { connectChannel, connectIntegration, listChannels, listIntegrations } from "./connections.service.js";
import { getMemberSettings, updateMemberSettings } from "./member-settings.service.js";
import { getWorkspaceSettings, updateWorkspaceSettings } from "./workspace-settings.service.js";

const mayReadWorkspaceSettings: RequestHandler = (req, _res, next) => {
  refuseIf(checkWorkspaceSettingsRead(requireMember(req)));
  next();
};

/** /settings, /members/:userId/settings, /integrations and /channels under /api/workspaces/:ws. */
export function settingsRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });

  router.get("/settings", mayReadWorkspaceSettings, async (req, res) => {
    res.json(await getWorkspaceSettings(requireMember(req).workspaceId));
  });
  router.put("/settings", requirePermission("workspace.settings"), async (req, res) => {
    const body = workspaceSettingsBodySchema.parse(req.body);
    res.json(await updateWorkspaceSettings(deps, requireMember(req), body));
  });

  router.get("/members/:userId/settings", async (req, res) => {
    res.json(await getMemberSettings(deps, requireMember(req), objectIdSchema.parse(req.params.userId)));
  });
  router.put("/members/:userId/settings", async (req, res) => {
    const userId = objectIdSchema.parse(req.params.userId);
    const body = memberSettingsBodySchema.parse(req.body);
    res.json(await updateMemberSettings(deps, requireMember(req), userId, body));
  });

  router.get("/integrations", requirePermission("integrations.connect"), async (req, res) => {
    res.json(await listIntegrations(requireMember(req).workspaceId));
  });
  router.post("/integrations", requirePermission("integrations.connect"), async (req, res) => {
    const body = integrationBodySchema.parse(req.body);
    res.status(201).json(await connectIntegration(deps, requireMember(req), body));
  });

  router.get("/channels", requirePermission("console.use"), async (req, res) => {
    res.json(await listChannels(requireMember(req).workspaceId));
  });
  router.post("/channels", requirePermission("channels.connect"), async (req, res) => {
    const body = channelBodySchema.parse(req.body);
    res.status(201).json(await connectChannel(deps, requireMember(req), body));
  });
  return router;
}
