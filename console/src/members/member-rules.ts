import { can, checkLoginEmailChange, grantableRoles, invitableRoles, reachOf, revocableRoles, type Actor, type Role } from "@switchboard/shared";

/** What the member editor needs to know about the member being edited. */
export interface EditedMember {
  userId: string;
  roles: readonly Role[];
  teams: readonly string[];
}

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

const within = (roles: readonly Role[], allowed: readonly Role[]) => roles.every((role) => allowed.includes(role));

export const SELF_ACCESS_REASON = "You cannot change your own access";

/**
 * The UI's mirror of the server's checks in member-access.service (DESIGN.md §5), used only to
 * disable controls and explain why; the server decides and its errors are shown as they come.
 */
export function editRightsOf(actor: Actor, member: EditedMember): EditRights {
  const self = actor.userId === member.userId;
  const grantable = grantableRoles(actor);
  const ceiling = invitableRoles(actor);
  const aboveGrant = !within(member.roles, grantable);
  const aboveManage = !within(member.roles, ceiling);
  const mayChangeRoles = !self && can(actor, "members.changeRoles") && !aboveGrant;
  const mayChangeTeams = !self && can(actor, "teams.manageMembers") && !aboveManage;
  const reachesProfile = can(actor, "members.changeRoles") || can(actor, "teams.manageMembers", { teamIds: member.teams });
  const mayEditProfile = self || (reachesProfile && !aboveManage);
  let accessLockedReason: string | null = null;
  if (self) accessLockedReason = SELF_ACCESS_REASON;
  else if (aboveManage && aboveGrant) accessLockedReason = "This member holds a role above what you may grant";
  else if (!mayChangeRoles && !mayChangeTeams) accessLockedReason = "Your role does not allow changing members' access";
  return {
    accessLockedReason,
    grantable: mayChangeRoles ? grantable : [],
    mayChangeRoles,
    mayChangeTeams,
    touchableTeams: reachOf(actor, "teams.manageMembers") === "ownTeams" ? actor.teams : null,
    mayEditProfile,
    mayEditEmail: mayEditProfile && checkLoginEmailChange(actor, member.userId) === null,
  };
}

/** Whether the revoke action shows for this member (hidden for oneself and above one's reach). */
export function mayRevoke(actor: Actor, member: EditedMember): boolean {
  return actor.userId !== member.userId && can(actor, "members.revoke") && within(member.roles, revocableRoles(actor));
}
