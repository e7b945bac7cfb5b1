import { can, type Actor } from "../permissions/can.js";
import { NO_RESTRICTIONS, type ContactVisibility } from "../permissions/roles.js";

export interface ContactAccess {
  visibility: ContactVisibility;
  masked: boolean;
}

/**
 * Seed 003's agent restrictions bind anyone who holds the agent role (DESIGN.md §1: effective
 * permissions are the union of roles minus the member's restrictions); other members see every
 * contact in clear.
 */
export function contactAccessOf(actor: Pick<Actor, "roles" | "restrictions">): ContactAccess {
  if (!actor.roles.includes("agent")) return { visibility: "all", masked: false };
  const restrictions = { ...NO_RESTRICTIONS, ...actor.restrictions };
  return { visibility: restrictions.contactVisibility, masked: restrictions.maskContactInfo };
}

/** Who may create and edit contacts: anyone who works calls or the console; viewers only read. */
export const canEditContacts = (actor: Actor): boolean => can(actor, "dock.use") || can(actor, "console.write");

/** Whether a contact with this assignee and team is visible to `actor` under their restriction. */
export function canSeeContact(
  actor: Pick<Actor, "userId" | "roles" | "teams" | "restrictions">,
  contact: { assigneeId: string | null; teamId: string | null },
): boolean {
  const { visibility } = contactAccessOf(actor);
  if (visibility === "all") return true;
  if (contact.assigneeId === actor.userId) return true;
  return visibility === "teamAndSelf" && contact.teamId !== null && actor.teams.includes(contact.teamId);
}
