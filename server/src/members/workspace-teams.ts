import { trusted } from "mongoose";
import { AppError } from "../http/app-error.js";
import { TeamModel } from "../teams/team.model.js";

export interface WorkspaceTeams {
  nameOf(id: string): string | undefined;
  /** A team by id or by name (case-insensitive), as CSV cells may hold either. */
  find(idOrName: string): string | undefined;
}

/** The workspace's teams, loaded once per request (workspaces have tens of teams, not thousands). */
export async function loadWorkspaceTeams(workspaceId: string): Promise<WorkspaceTeams> {
  const teams = await TeamModel.find({ workspaceId }, { name: 1, nameLower: 1 }).lean();
  const byId = new Map(teams.map((t) => [String(t._id), t.name]));
  const byName = new Map(teams.map((t) => [t.nameLower, String(t._id)]));
  return {
    nameOf: (id) => byId.get(id),
    find: (idOrName) => (byId.has(idOrName) ? idOrName : byName.get(idOrName.trim().toLowerCase())),
  };
}

/** Team ids from a request body must all be teams of this workspace. */
export async function assertTeamsExist(workspaceId: string, teamIds: readonly string[], path = "teams"): Promise<void> {
  const found = await TeamModel.countDocuments({ workspaceId, _id: trusted({ $in: teamIds }) });
  if (found !== teamIds.length) {
    throw new AppError("VALIDATION_FAILED", `${path}: Unknown team for this workspace`, {
      issues: [{ path, message: "Unknown team for this workspace" }],
    });
  }
}
