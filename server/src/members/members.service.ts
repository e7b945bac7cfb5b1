import { MemberSort, type Member, type MemberExportQuery, type MemberList, type MemberListQuery } from "@switchboard/shared";
import { Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { notFound } from "../http/app-error.js";
import { MembershipModel } from "./membership.model.js";
import { byNameThenId, membershipsOf, type LeanMembership } from "./membership-cache.js";
import { toMember, toMemberRow } from "./member-view.js";
import { UserModel } from "../users/user.model.js";

type MemberFilter = Pick<MemberListQuery, "q" | "team" | "role">;

/**
 * The members table's search and filters as one predicate. Search is a case-insensitive
 * "contains" on the lower-cased name and e-mail kept on the membership, and on the phone
 * digits when the query looks like a number.
 */
export function memberMatcher({ q, team, role }: MemberFilter): (membership: LeanMembership) => boolean {
  // Compared as ObjectIds: turning 50,000 members' team ids into strings costs more than the rest of the filter.
  const teamId = team ? new Types.ObjectId(team) : null;
  const text = q?.toLowerCase();
  const digits = q?.replace(/[\s().-]/g, "");
  const phoneDigits = digits && /^\+?[0-9]+$/.test(digits) ? digits : null;
  return (m) =>
    (!teamId || m.teams.some((id) => teamId.equals(id))) &&
    (!role || m.roles.includes(role)) &&
    (!text || m.nameLower.includes(text) || m.emailLower.includes(text) || (phoneDigits !== null && (m.phone ?? "").includes(phoneDigits)));
}

/**
 * Active members come from the workspace's in-memory copy (already in name order), so a page
 * at 50,000 members is a filter over memory rather than a collection scan per request; the
 * revoked are read from the database, which has no copy of them.
 */
async function membersInOrder(deps: AppDeps, workspaceId: string, status: MemberListQuery["status"]): Promise<readonly LeanMembership[]> {
  if (status === "active") return membershipsOf(deps).active(workspaceId);
  return (await MembershipModel.find({ workspaceId, status }).lean()).sort(byNameThenId);
}

const lastActiveTime = (m: LeanMembership) => m.lastActiveAt?.getTime() ?? -Infinity;

/** Most recently active first; never active last; equal times by name, so pages stay stable. */
const byLastActiveThenName = (a: LeanMembership, b: LeanMembership) => lastActiveTime(b) - lastActiveTime(a) || byNameThenId(a, b);

/**
 * The members the table (or its export) shows, in its order. Sorting by last activity sorts only
 * the matches, in memory: at 50,000 members that is tens of milliseconds, and the copy stays in
 * name order for everyone else.
 */
export async function matchingMembers(deps: AppDeps, workspaceId: string, query: MemberFilter & Pick<MemberExportQuery, "sort" | "status">) {
  const statuses = query.status ? [query.status] : (["active", "revoked"] as const);
  const matches = (await Promise.all(statuses.map((status) => membersInOrder(deps, workspaceId, status)))).flat().filter(memberMatcher(query));
  if (query.sort === MemberSort.lastActive) return matches.sort(byLastActiveThenName);
  return statuses.length > 1 ? matches.sort(byNameThenId) : matches;
}

export async function listMembers(deps: AppDeps, workspaceId: string, query: MemberListQuery): Promise<MemberList> {
  const matches = await matchingMembers(deps, workspaceId, query);
  const start = (query.page - 1) * query.pageSize;
  return { items: matches.slice(start, start + query.pageSize).map(toMemberRow), total: matches.length };
}

/** One member of the workspace (active from the copy, or revoked from the database), with their profile. */
export async function getMember(deps: AppDeps, workspaceId: string, userId: string): Promise<Member> {
  const membership = (await membershipsOf(deps).find(workspaceId, userId)) ?? (await MembershipModel.findOne({ workspaceId, userId }).lean());
  if (!membership) throw notFound("Member");
  return toMember(membership, await UserModel.findById(userId).lean());
}
