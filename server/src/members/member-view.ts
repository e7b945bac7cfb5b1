import { restrictionsSchema, type Member } from "@switchboard/shared";
import type { Types } from "mongoose";
import { UserModel, type UserDoc } from "../users/user.model.js";
import type { MembershipDoc } from "./membership.model.js";

type StoredMembership = MembershipDoc & { _id: Types.ObjectId };
type StoredUser = UserDoc & { _id: Types.ObjectId };

/** A membership and its user, as the members table and the edit dialog show them. */
export function toMember(membership: StoredMembership, user: StoredUser | undefined): Member {
  return {
    userId: String(membership.userId),
    name: membership.name,
    firstName: user?.firstName ?? "",
    lastName: user?.lastName ?? "",
    email: user?.email ?? membership.emailLower,
    phone: membership.phone ?? null,
    username: user?.username ?? null,
    location: user?.location ?? null,
    skills: user?.skills ?? [],
    languages: user?.languages ?? [],
    roles: membership.roles,
    teams: membership.teams.map(String),
    restrictions: restrictionsSchema.parse(membership.restrictions ?? {}),
    status: membership.status,
    lastActiveAt: membership.lastActiveAt ? membership.lastActiveAt.toISOString() : null,
  };
}

/**
 * The users of one page of memberships ($lookup is not available on FerretDB). One `findById`
 * each rather than one `$in`: FerretDB v1's SQLite handler pushes down only a lone `{ _id }`
 * filter, so `$in` would read the whole users collection; on MongoDB both use the _id index.
 */
export async function toMembers(memberships: StoredMembership[]): Promise<Member[]> {
  const users = await Promise.all(memberships.map((m) => UserModel.findById(m.userId).lean()));
  const byId = new Map(users.filter((u) => u !== null).map((u) => [String(u._id), u]));
  return memberships.map((m) => toMember(m, byId.get(String(m.userId))));
}
