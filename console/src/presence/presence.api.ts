import { presenceSchema, type PresenceChoice } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";
import { fetchWorkspaceSettings } from "../settings/settings.api";

/** Supervisors and managers set an agent's status for their teams; the server audits it and tells the agent's dock. */
export const setMemberPresence = (workspaceId: string, userId: string, choice: PresenceChoice) =>
  api(wsPath(workspaceId, `/presence/${encodeURIComponent(userId)}`), { method: "PUT", body: choice, schema: presenceSchema });

export interface BoardSettings {
  /** The workspace's away reasons (Break, Lunch, …); empty when this user may not read them. */
  awayReasons: string[];
}

/**
 * The board's context from the workspace settings (chat limits come with the live snapshot).
 * A manager restricted from workspace settings cannot read them; the board still works.
 */
export async function fetchBoardSettings(workspaceId: string, signal?: AbortSignal): Promise<BoardSettings> {
  try {
    const { awayReasons } = await fetchWorkspaceSettings(workspaceId, signal);
    return { awayReasons };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { awayReasons: [] };
  }
}
