import { teamSchema, type TeamPatch } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

export const fetchTeam = (workspaceId: string, teamId: string, signal?: AbortSignal) =>
  api(wsPath(workspaceId, `/teams/${encodeURIComponent(teamId)}`), { schema: teamSchema, signal });

/** `settings` replaces the team's overrides: a field left out inherits from the workspace. */
export const patchTeam = (workspaceId: string, teamId: string, patch: TeamPatch) =>
  api(wsPath(workspaceId, `/teams/${encodeURIComponent(teamId)}`), { method: "PATCH", body: patch, schema: teamSchema });

/** Refused (409) while the team still has members. */
export const deleteTeam = (workspaceId: string, teamId: string) =>
  api<void>(wsPath(workspaceId, `/teams/${encodeURIComponent(teamId)}`), { method: "DELETE" });
