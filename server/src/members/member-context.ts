import { restrictionsSchema } from "@switchboard/shared";
import type { MemberContext } from "../http/request-context.js";
import type { LeanMembership } from "./membership-cache.js";

type MembershipFacts = Pick<LeanMembership, "_id" | "workspaceId" | "userId" | "name" | "roles" | "teams" | "restrictions">;

/**
 * The one mapping from a stored membership to the member a request, a socket or a rule check
 * acts as. Restrictions are parsed so a document written before a restriction existed gets
 * today's default for it.
 */
export function toMemberContext(membership: MembershipFacts): MemberContext {
  return {
    workspaceId: String(membership.workspaceId),
    membershipId: String(membership._id),
    userId: String(membership.userId),
    name: membership.name,
    roles: membership.roles,
    teams: membership.teams.map(String),
    restrictions: restrictionsSchema.parse(membership.restrictions ?? {}),
  };
}
