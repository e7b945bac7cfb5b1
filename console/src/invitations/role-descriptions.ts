import type { Role } from "@switchboard/shared";

/** One line per role (DESIGN.md §5), shown where roles are granted, so nobody picks one blind. */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = Object.freeze({
  admin: "Everything, for every team: workspace settings, any role, revoking anyone.",
  manager: "Runs their teams: invites supervisors, agents and viewers, changes roles up to supervisor.",
  supervisor: "Watches and coaches their teams, adds and removes their members, invites agents.",
  viewer: "Reads the workspace (members, presence, settings, reports) without changing anything.",
  agent: "Takes calls and chats in the dock; no console.",
});
