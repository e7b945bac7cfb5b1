import { presenceSchema, type PresenceChoice } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";
import { fetchWorkspaceSettings } from "../settings/settings.api";

/** Supervisors and managers set an agent's status for their teams; the server audits it and tells the agent's dock. */
export const setMemberPresence = (workspaceId: string, userId: string, choice: PresenceChoice) =>
  api(wsPath(workspaceId, `/presence/${encodeURIComponent(userId)}`), { method: "PUT", body: choice, schema: presenceSchema });

export interface BoardSettings {
  /** The workspace's away reasons (Break, Lunch, …); empty when this user may not read them. */
  awayReasons: string[];
  /** Chats per agent at workspace level (teams and members may override it). */
  chatsPerUser: number | null;
}

/**
 * The board's context from the workspace settings. A manager restricted from workspace settings
 * cannot read them; the board still works, with a free-text reason and no chat limit.
 */
export async function fetchBoardSettings(workspaceId: string, signal?: AbortSignal): Promise<BoardSettings> {
  try {
    const { settings, defaults, awayReasons } = await fetchWorkspaceSettings(workspaceId, signal);
    return { awayReasons, chatsPerUser: settings.chatsPerUser ?? defaults.chatsPerUser };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { awayReasons: [], chatsPerUser: null };
  }
}
