import { listOf, memberSchema, type Role } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

/** The list row §12 promises (userId, name, email, phone, roles, teams, lastActiveAt); other fields may follow. */
export const memberRowSchema = memberSchema
  .pick({ userId: true, name: true, email: true, roles: true, teams: true })
  .extend({ phone: memberSchema.shape.phone.optional(), lastActiveAt: memberSchema.shape.lastActiveAt.optional() });
export type MemberRow = ReturnType<typeof memberRowSchema.parse>;

const memberListSchema = listOf(memberRowSchema);

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
