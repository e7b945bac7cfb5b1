import { memberSchema, memberSettingsSchema, type Member, type MemberSettingsBody } from "@switchboard/shared";
import { api, ApiError, wsPath } from "../lib/api";

const settingsPath = (userId: string) => `/members/${encodeURIComponent(userId)}/settings`;

export const fetchMemberSettings = (workspaceId: string, userId: string, signal?: AbortSignal) =>
  api(wsPath(workspaceId, settingsPath(userId)), { schema: memberSettingsSchema, signal });

/** `overrides` replaces the member's overrides: a field left out inherits from team and workspace. */
export const saveMemberSettings = (workspaceId: string, userId: string, body: MemberSettingsBody) =>
  api(wsPath(workspaceId, settingsPath(userId)), { method: "PUT", body, schema: memberSettingsSchema });

/** One member's profile, roles and restrictions; revoked members are gone from the console. */
export async function fetchMember(workspaceId: string, userId: string, signal?: AbortSignal): Promise<Member> {
  const member = await api(wsPath(workspaceId, `/members/${encodeURIComponent(userId)}`), { schema: memberSchema, signal });
  if (member.status !== "active") throw new ApiError(404, "NOT_FOUND", "This member is not (or no longer) in the workspace.");
  return member;
}
