import { restrictionsSchema, type Member, type MemberRow } from "@switchboard/shared";
import type { Types } from "mongoose";
import type { UserDoc } from "../users/user.model.js";
import type { MembershipDoc } from "./membership.model.js";

type StoredMembership = MembershipDoc & { _id: Types.ObjectId };
type StoredUser = UserDoc & { _id: Types.ObjectId };

/** A members-table row, from the membership alone (it carries name, e-mail and phone for this). */
export function toMemberRow(membership: StoredMembership): MemberRow {
  return {
    userId: String(membership.userId),
    name: membership.name,
    email: membership.emailLower,
    phone: membership.phone ?? null,
    roles: membership.roles,
    teams: membership.teams.map(String),
    restrictions: restrictionsSchema.parse(membership.restrictions ?? {}),
    status: membership.status,
    lastActiveAt: membership.lastActiveAt ? membership.lastActiveAt.toISOString() : null,
  };
}

/** A membership and its user, as the member page and the edit form show them. */
export function toMember(membership: StoredMembership, user: StoredUser | null | undefined): Member {
  return {
    ...toMemberRow(membership),
    firstName: user?.firstName ?? "",
    lastName: user?.lastName ?? "",
    email: user?.email ?? membership.emailLower,
    username: user?.username ?? null,
    location: user?.location ?? null,
    skills: user?.skills ?? [],
    languages: user?.languages ?? [],
  };
}
