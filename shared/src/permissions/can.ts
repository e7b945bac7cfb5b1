import { ErrorCode } from "../errors/error-codes.js";
import {
  GRANTABLE_ROLES,
  INVITABLE_ROLES,
  PERMISSION_MATRIX,
  REVOCABLE_ROLES,
  type Permission,
  type Reach,
} from "./matrix.js";
import { NO_RESTRICTIONS, ROLES, type Restrictions, type Role } from "./roles.js";

/** What the rules need to know about the member acting. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  teams: readonly string[];
  restrictions?: Partial<Restrictions>;
}

/** What the rules need to know about the thing acted on. */
export interface Target {
  /** Teams the target belongs to (a member's teams, a contact's team, a team itself). */
  teamIds?: readonly string[];
}

const REACH_ORDER: Record<string, number> = { false: 0, ownTeams: 1, all: 2 };

/** How far a member reaches for a permission: the widest of their roles, minus restrictions. */
export function reachOf(actor: Actor, permission: Permission): Reach {
  const restrictions = { ...NO_RESTRICTIONS, ...actor.restrictions };
  let best: Reach = false;
  for (const role of actor.roles) {
    const cell = PERMISSION_MATRIX[permission][role];
    const reach: Reach = typeof cell === "object" ? (restrictions[cell.unless] ? false : "all") : cell;
    if (REACH_ORDER[String(reach)]! > REACH_ORDER[String(best)]!) best = reach;
  }
  return best;
}

/**
 * Whether `actor` may do `permission` (to `target`, when given).
 * "Own teams" means the target shares at least one team with the actor.
 */
export function can(actor: Actor, permission: Permission, target?: Target): boolean {
  const reach = reachOf(actor, permission);
  if (reach === false) return false;
  if (reach === "all" || !target?.teamIds) return true;
  return target.teamIds.some((teamId) => actor.teams.includes(teamId));
}

function unionOf(table: Readonly<Record<Role, readonly Role[]>>, roles: readonly Role[]): Role[] {
  const allowed = new Set(roles.flatMap((role) => table[role]));
  return ROLES.filter((role) => allowed.has(role));
}

export const invitableRoles = (actor: Pick<Actor, "roles">): Role[] => unionOf(INVITABLE_ROLES, actor.roles);
export const grantableRoles = (actor: Pick<Actor, "roles">): Role[] => unionOf(GRANTABLE_ROLES, actor.roles);
export const revocableRoles = (actor: Pick<Actor, "roles">): Role[] => unionOf(REVOCABLE_ROLES, actor.roles);

export interface RuleViolation {
  code: ErrorCode;
  message: string;
}

export interface MemberFacts {
  userId: string;
  roles: readonly Role[];
  teams: readonly string[];
}

const CEILINGS = { invite: invitableRoles, grant: grantableRoles, revoke: revocableRoles } as const;

/**
 * The role ceiling: whether every one of `roles` is a role the actor may invite (or grant, or
 * revoke). Nobody manages a member holding a role above theirs, whatever the rule around it.
 */
export function withinCeiling(actor: Pick<Actor, "roles">, roles: readonly Role[], ceiling: keyof typeof CEILINGS = "invite"): boolean {
  const allowed = CEILINGS[ceiling](actor);
  return roles.every((role) => allowed.includes(role));
}

/**
 * The hard rules of DESIGN.md §5 for changing a member's roles, teams or restrictions.
 * Returns the first rule broken, or null when the change is allowed.
 */
export function checkAccessChange(input: {
  actor: Actor;
  target: MemberFacts;
  nextRoles?: readonly Role[];
  activeAdminCount: number;
}): RuleViolation | null {
  const { actor, target, nextRoles, activeAdminCount } = input;
  if (actor.userId === target.userId) {
    return { code: ErrorCode.SELF_ACCESS_CHANGE, message: "You cannot change your own roles, restrictions or access." };
  }
  if (!withinCeiling(actor, target.roles, "grant")) {
    return { code: ErrorCode.ROLE_CEILING, message: "This member holds a role above what you may grant." };
  }
  if (nextRoles) {
    if (!withinCeiling(actor, nextRoles, "grant")) {
      return { code: ErrorCode.ROLE_CEILING, message: `You may only grant: ${grantableRoles(actor).join(", ") || "nothing"}.` };
    }
    if (target.roles.includes("admin") && !nextRoles.includes("admin") && activeAdminCount <= 1) {
      return { code: ErrorCode.LAST_ADMIN, message: "The last admin of a workspace cannot be demoted." };
    }
  }
  return null;
}

/** The hard rules for revoking a member's workspace access. */
export function checkRevoke(input: { actor: Actor; target: MemberFacts; activeAdminCount: number }): RuleViolation | null {
  const { actor, target, activeAdminCount } = input;
  if (actor.userId === target.userId) {
    return { code: ErrorCode.SELF_ACCESS_CHANGE, message: "You cannot revoke your own access." };
  }
  if (!withinCeiling(actor, target.roles, "revoke")) {
    return { code: ErrorCode.ROLE_CEILING, message: "You may not revoke a member with this role." };
  }
  if (target.roles.includes("admin") && activeAdminCount <= 1) {
    return { code: ErrorCode.LAST_ADMIN, message: "The last admin of a workspace cannot be revoked." };
  }
  return null;
}

/** What an actor may put in an invitation: the roles within their ceiling, the teams within their scope. */
export interface InviteScope {
  roles: readonly Role[];
  teams: "all" | readonly string[];
}

/** null when the actor may not invite at all. */
export function inviteScopeOf(actor: Actor): InviteScope | null {
  const reach = reachOf(actor, "members.invite");
  if (reach === false) return null;
  return { roles: invitableRoles(actor), teams: reach === "all" ? "all" : actor.teams };
}

/** Whether an actor may invite these roles into these teams. */
export function checkInvite(actor: Actor, roles: readonly Role[], teamIds: readonly string[]): RuleViolation | null {
  const scope = inviteScopeOf(actor);
  if (!scope) {
    return { code: ErrorCode.FORBIDDEN, message: "You may not invite members." };
  }
  if (!withinCeiling(actor, roles)) {
    return { code: ErrorCode.ROLE_CEILING, message: `You may only invite: ${scope.roles.join(", ")}.` };
  }
  const { teams } = scope;
  if (teams !== "all" && !teamIds.every((id) => teams.includes(id))) {
    return { code: ErrorCode.FORBIDDEN, message: "You may only invite into your own teams." };
  }
  return null;
}

/**
 * DESIGN.md §5: a registration link is a grant — whoever reads it can become what it grants.
 * So an invitation (and its link) is shown, resent or cancelled only by someone who could
 * have sent it; a manager never sees an admin's invitation, a supervisor never one for a
 * manager or for a team outside their own.
 */
export function canSeeInvitation(actor: Actor, invitation: { roles: readonly Role[]; teams: readonly string[] }): boolean {
  return checkInvite(actor, invitation.roles, invitation.teams) === null;
}

/**
 * Whether an actor may set another member's presence from the console: presence.setOthers
 * over the target's teams, and the same ceiling as inviting (a supervisor sets agents'
 * status, never a manager's or an admin's).
 */
export function checkSetPresence(actor: Actor, target: Pick<MemberFacts, "roles" | "teams">): RuleViolation | null {
  if (!can(actor, "presence.setOthers", { teamIds: target.teams })) {
    return { code: ErrorCode.FORBIDDEN, message: "You may set the status of your own teams' members only." };
  }
  if (!withinCeiling(actor, target.roles)) {
    return { code: ErrorCode.FORBIDDEN, message: "You may not set the status of a member with this role." };
  }
  return null;
}
