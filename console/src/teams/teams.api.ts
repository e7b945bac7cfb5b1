import { api, wsPath } from "../lib/api";

export interface TeamSummary {
  id: string;
  name: string;
  memberCount: number;
}

export const listTeams = (workspaceId: string, signal?: AbortSignal) =>
  api<{ items: TeamSummary[]; total?: number }>(wsPath(workspaceId, "/teams"), { signal });

export const createTeam = (workspaceId: string, name: string) =>
  api<{ id: string; name: string }>(wsPath(workspaceId, "/teams"), { method: "POST", body: { name } });
