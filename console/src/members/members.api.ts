import { memberBulkResultSchema, memberListSchema, memberSchema, revokeResultSchema, type MemberBulk, type MemberPatch, type MemberSort, type Role } from "@switchboard/shared";
import { api, withQuery, wsPath } from "../lib/api";

export type { MemberRow } from "@switchboard/shared";

/** The PATCH body as sent (MemberPatch is the parsed shape; the wire shape is the same here). */
export type MemberPatchBody = MemberPatch;

export interface MemberTableFilters {
  q?: string;
  team?: string;
  role?: Role | "";
  sort?: MemberSort;
  status?: "active" | "revoked";
}

export interface MemberListFilters extends MemberTableFilters {
  page: number;
  pageSize: number;
}

export const listMembers = (workspaceId: string, filters: MemberListFilters, signal?: AbortSignal) =>
  api(wsPath(workspaceId, "/members"), { query: { ...filters }, schema: memberListSchema, signal });

/** The export follows the table's filters and order (issue 15). */
export const membersExportUrl = (workspaceId: string, filters: MemberTableFilters = {}) => withQuery(wsPath(workspaceId, "/members/export.csv"), { ...filters });

/** Each member gets their own verdict: the server checks §5 member by member. */
export const bulkMembers = (workspaceId: string, body: MemberBulk) =>
  api(wsPath(workspaceId, "/members/bulk"), { method: "POST", body, schema: memberBulkResultSchema });

const memberPath = (workspaceId: string, userId: string, rest = "") => wsPath(workspaceId, `/members/${encodeURIComponent(userId)}${rest}`);

/** Sends only what changed: the server checks each part (roles, teams, profile) against §5 on its own. */
export const patchMember = (workspaceId: string, userId: string, patch: MemberPatchBody) =>
  api(memberPath(workspaceId, userId), { method: "PATCH", body: patch, schema: memberSchema });

/** `reassignContactsTo: null` leaves their contacts unassigned. */
export const revokeMember = (workspaceId: string, userId: string, reassignContactsTo: string | null) =>
  api(memberPath(workspaceId, userId, "/revoke"), { method: "POST", body: { reassignContactsTo }, schema: revokeResultSchema });
