import { memberListSchema, memberSchema, revokeResultSchema, type MemberPatch, type Role } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

export type { MemberRow } from "@switchboard/shared";

/** The PATCH body as sent (MemberPatch is the parsed shape; the wire shape is the same here). */
export type MemberPatchBody = MemberPatch;

export interface MemberListFilters {
  q?: string;
  team?: string;
  role?: Role | "";
  page: number;
  pageSize: number;
}

export const listMembers = (workspaceId: string, filters: MemberListFilters, signal?: AbortSignal) =>
  api(wsPath(workspaceId, "/members"), { query: { ...filters }, schema: memberListSchema, signal });

export const membersExportUrl = (workspaceId: string) => wsPath(workspaceId, "/members/export.csv");

const memberPath = (workspaceId: string, userId: string, rest = "") => wsPath(workspaceId, `/members/${encodeURIComponent(userId)}${rest}`);

/** Sends only what changed: the server checks each part (roles, teams, profile) against §5 on its own. */
export const patchMember = (workspaceId: string, userId: string, patch: MemberPatchBody) =>
  api(memberPath(workspaceId, userId), { method: "PATCH", body: patch, schema: memberSchema });

/** `reassignContactsTo: null` leaves their contacts unassigned. */
export const revokeMember = (workspaceId: string, userId: string, reassignContactsTo: string | null) =>
  api(memberPath(workspaceId, userId, "/revoke"), { method: "POST", body: { reassignContactsTo }, schema: revokeResultSchema });
