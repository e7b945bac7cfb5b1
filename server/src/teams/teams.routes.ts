import { objectIdSchema, teamCreateSchema, teamPatchSchema } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from "./teams.service.js";

/**
 * /api/workspaces/:ws/teams. Every member may list teams (the dock names them too). Creating and
 * deleting teams shapes the workspace, so it takes workspace.settings; renaming and team settings
 * take teams.settings over that team (checked in the service).
 */
export function teamsRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  router.get("/", async (req, res) => {
    res.json(await listTeams(requireMember(req).workspaceId));
  });
  router.get("/:id", async (req, res) => {
    res.json(await getTeam(requireMember(req).workspaceId, objectIdSchema.parse(req.params.id)));
  });
  router.post("/", requirePermission("workspace.settings"), async (req, res) => {
    const { name } = teamCreateSchema.parse(req.body);
    res.status(201).json(await createTeam(deps, requireMember(req), name));
  });
  router.patch("/:id", requirePermission("teams.settings"), async (req, res) => {
    const teamId = objectIdSchema.parse(req.params.id);
    const patch = teamPatchSchema.parse(req.body);
    res.json(await updateTeam(deps, requireMember(req), teamId, patch));
  });
  router.delete("/:id", requirePermission("workspace.settings"), async (req, res) => {
    await deleteTeam(deps, requireMember(req), objectIdSchema.parse(req.params.id));
    res.status(204).end();
  });
  return router;
}
