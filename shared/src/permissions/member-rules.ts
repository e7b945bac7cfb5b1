import { ErrorCode } from "../errors/error-codes.js";
import { can, checkAccessChange, checkRevoke, grantableRoles, reachOf, withinCeiling, type Actor, type MemberFacts, type RuleViolation } from "./can.js";
import type { Role } from "./roles.js";

/*
 * The rules for acting on another member, beside the matrix: the server enforces them, the console
 * calls the same functions only to disable controls and explain why.
 */

const aboveCeiling: RuleViolation = { code: ErrorCode.ROLE_CEILING, message: "This member holds a role above what you may manage." };

/**
 * Team membership changes (DESIGN.md §5 "add/remove members of a team"): own teams for
 * supervisors and managers — every team added or removed, and the primary team when it
 * changes, must be one of the actor's. Nobody moves someone holding a role above what they may invite.
 */
export function checkTeamsChange(actor: Actor, target: Pick<MemberFacts, "roles" | "teams">, next: readonly string[]): RuleViolation | null {
  if (!can(actor, "teams.manageMembers")) return { code: ErrorCode.FORBIDDEN, message: "Your role does not allow changing team members." };
  if (!withinCeiling(actor, target.roles)) return aboveCeiling;
  if (reachOf(actor, "teams.manageMembers") === "ownTeams") {
    const touched = new Set([...target.teams.filter((t) => !next.includes(t)), ...next.filter((t) => !target.teams.includes(t))]);
    if (target.teams[0] !== next[0]) [target.teams[0], next[0]].forEach((t) => t && touched.add(t));
    if (![...touched].every((t) => actor.teams.includes(t))) {
      return { code: ErrorCode.FORBIDDEN, message: "You may only add or remove members of your own teams." };
    }
  }
  return null;
}

/** Profile fields of another member: whoever may change their roles or manage their team, within the role ceiling. */
export function checkProfileEdit(actor: Actor, target: MemberFacts): RuleViolation | null {
  if (actor.userId === target.userId) return null;
  const reaches = can(actor, "members.changeRoles") || can(actor, "teams.manageMembers", { teamIds: target.teams });
  if (!reaches) return { code: ErrorCode.FORBIDDEN, message: "You may not edit this member's profile." };
  if (!withinCeiling(actor, target.roles)) return aboveCeiling;
  return null;
}

/**
 * DESIGN.md §5: a login e-mail is organization-level (it signs in to every workspace), so
 * only an admin changes another person's; anyone changes their own. Checked on top of the
 * rules for editing that member's profile at all.
 */
export function checkLoginEmailChange(actor: Actor, targetUserId: string): RuleViolation | null {
  if (actor.userId === targetUserId || actor.roles.includes("admin")) return null;
  return { code: ErrorCode.FORBIDDEN, message: "Only an admin changes another person's sign-in e-mail." };
}

/**
 * A member's own settings overrides follow "team inbound/outbound and dock settings" (DESIGN.md §5)
 * over the member's teams; beyond one's own settings, only for members whose roles one could invite.
 */
export function checkMemberSettingsEdit(actor: Actor, target: MemberFacts): RuleViolation | null {
  if (!can(actor, "teams.settings", { teamIds: target.teams })) return { code: ErrorCode.FORBIDDEN, message: "You may not change this member's settings." };
  if (actor.userId !== target.userId && !withinCeiling(actor, target.roles)) return { code: ErrorCode.FORBIDDEN, message: aboveCeiling.message };
  return null;
}

/**
 * Console users read the workspace defaults (teams and members show what they inherit), except
 * a manager restricted from workspace settings (seed 003: "cannot access the Workspace Settings").
 */
export function checkWorkspaceSettingsRead(actor: Actor): RuleViolation | null {
  const restricted = actor.restrictions?.noWorkspaceSettings === true && !can(actor, "workspace.settings");
  if (!can(actor, "console.use") || restricted) return { code: ErrorCode.FORBIDDEN, message: "You may not see the workspace settings." };
  return null;
}

export const SELF_ACCESS_REASON = "You cannot change your own access";

/** What the member editor may change, and why not: the rules above, read for one member. */
export interface EditRights {
  /** Why roles and teams are read-only, or null when some can change. */
  accessLockedReason: string | null;
  /** Roles whose box is enabled; the others are shown disabled. */
  grantable: readonly Role[];
  mayChangeRoles: boolean;
  mayChangeTeams: boolean;
  /** Teams that may be added, removed or made primary; null = any team. */
  touchableTeams: readonly string[] | null;
  mayEditProfile: boolean;
  /** The sign-in e-mail is organization-wide: only an admin changes another person's. */
  mayEditEmail: boolean;
}

export function memberEditRights(actor: Actor, member: MemberFacts): EditRights {
  const self = actor.userId === member.userId;
  // The last-admin rule needs a count only the server has; it never hides a control.
  const mayChangeRoles = !self && can(actor, "members.changeRoles") && checkAccessChange({ actor, target: member, activeAdminCount: Infinity }) === null;
  const mayChangeTeams = !self && checkTeamsChange(actor, member, member.teams) === null;
  const mayEditProfile = checkProfileEdit(actor, member) === null;
  let accessLockedReason: string | null = null;
  if (self) accessLockedReason = SELF_ACCESS_REASON;
  else if (!withinCeiling(actor, member.roles) && !withinCeiling(actor, member.roles, "grant")) accessLockedReason = "This member holds a role above what you may grant";
  else if (!mayChangeRoles && !mayChangeTeams) accessLockedReason = "Your role does not allow changing members' access";
  return {
    accessLockedReason,
    grantable: mayChangeRoles ? grantableRoles(actor) : [],
    mayChangeRoles,
    mayChangeTeams,
    touchableTeams: reachOf(actor, "teams.manageMembers") === "ownTeams" ? actor.teams : null,
    mayEditProfile,
    mayEditEmail: mayEditProfile && checkLoginEmailChange(actor, member.userId) === null,
  };
}

/** Whether the revoke action shows for this member (hidden for oneself and above one's reach). */
export const mayRevokeMember = (actor: Actor, member: MemberFacts): boolean =>
  can(actor, "members.revoke") && checkRevoke({ actor, target: member, activeAdminCount: Infinity }) === null;
