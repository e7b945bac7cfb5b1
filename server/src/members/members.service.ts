import type { Member, MemberList, MemberListQuery } from "@switchboard/shared";
import { notFound } from "../http/app-error.js";
import { trusted } from "mongoose";
import { MembershipModel } from "./membership.model.js";
import { toMember, toMemberRow } from "./member-view.js";
import { UserModel } from "../users/user.model.js";

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Members table query. Search is a case-insensitive "contains" on the lower-cased copies kept
 * on the membership (name, e-mail) and on the phone digits, so no join with users is needed;
 * workspace + status lead every index so the scan stays within one workspace.
 */
export function memberFilter(workspaceId: string, query: Pick<MemberListQuery, "q" | "team" | "role" | "status">) {
  const filter: Record<string, unknown> = { workspaceId, status: query.status };
  if (query.team) filter.teams = query.team;
  if (query.role) filter.roles = query.role;
  if (query.q) {
    const text = escapeRegex(query.q.toLowerCase());
    const digits = query.q.replace(/[\s().-]/g, "");
    filter.$or = [
      { nameLower: trusted({ $regex: text }) },
      { emailLower: trusted({ $regex: text }) },
      ...(/^\+?[0-9]+$/.test(digits) ? [{ phone: trusted({ $regex: escapeRegex(digits) }) }] : []),
    ];
  }
  return filter;
}

export async function listMembers(workspaceId: string, query: MemberListQuery): Promise<MemberList> {
  const filter = memberFilter(workspaceId, query);
  const [page, total] = await Promise.all([
    MembershipModel.find(filter)
      .sort({ nameLower: 1, _id: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean(),
    MembershipModel.countDocuments(filter),
  ]);
  return { items: page.map(toMemberRow), total };
}

/** One member of the workspace (active or revoked), in the same shape as a list row. */
export async function getMember(workspaceId: string, userId: string): Promise<Member> {
  const membership = await MembershipModel.findOne({ workspaceId, userId }).lean();
  if (!membership) throw notFound("Member");
  return toMember(membership, await UserModel.findById(userId).lean());
}
