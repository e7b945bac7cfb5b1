import { memberListSchema, memberSettingsSchema, type Member, type MemberSettingsBody } from "@switchboard/shared";
import { api, ApiError, wsPath } from "../lib/api";

const settingsPath = (userId: string) => `/members/${encodeURIComponent(userId)}/settings`;

export const fetchMemberSettings = (workspaceId: string, userId: string, signal?: AbortSignal) =>
  api(wsPath(workspaceId, settingsPath(userId)), { schema: memberSettingsSchema, signal });

/** `overrides` replaces the member's overrides: a field left out inherits from team and workspace. */
export const saveMemberSettings = (workspaceId: string, userId: string, body: MemberSettingsBody) =>
  api(wsPath(workspaceId, settingsPath(userId)), { method: "PUT", body, schema: memberSettingsSchema });

const PAGE_SIZE = 200;

/**
 * One member's profile, roles and restrictions. §12 has no GET /members/:userId, so this walks
 * the active members list (200 a page) until it meets them.
 */
export async function fetchMember(workspaceId: string, userId: string, signal?: AbortSignal): Promise<Member> {
  for (let page = 1; ; page += 1) {
    const list = await api(wsPath(workspaceId, "/members"), { query: { page, pageSize: PAGE_SIZE }, schema: memberListSchema, signal });
    const found = list.items.find((m) => m.userId === userId);
    if (found) return found;
    if (page * PAGE_SIZE >= list.total) throw new ApiError(404, "NOT_FOUND", "This member is not (or no longer) in the workspace.");
  }
}
