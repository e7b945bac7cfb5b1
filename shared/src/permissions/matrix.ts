import type { Restrictions, Role } from "./roles.js";

/**
 * DESIGN.md §5 as data. Each cell says how far a role reaches:
 * - "all": every team of the workspace
 * - "ownTeams": only teams the member belongs to
 * - "restrictable": allowed unless the member's named restriction is on (⭕)
 * - false: never
 * This table is the only place the rules live.
 */
export type Reach = "all" | "ownTeams" | false;
export type Cell = Reach | { unless: keyof Restrictions };

export const Permission = Object.freeze({
  consoleUse: "console.use",
  consoleWrite: "console.write",
  dockUse: "dock.use",
  presenceView: "presence.view",
  presenceSet: "presence.setOthers",
  membersView: "members.view",
  membersInvite: "members.invite",
  membersChangeRoles: "members.changeRoles",
  teamsManageMembers: "teams.manageMembers",
  membersRevoke: "members.revoke",
  teamsSettings: "teams.settings",
  workspaceSettings: "workspace.settings",
  restrictionsSet: "restrictions.set",
  contactsDelete: "contacts.delete",
  dataExport: "data.export",
  integrationsConnect: "integrations.connect",
  channelsConnect: "channels.connect",
  auditView: "audit.view",
  outboxView: "outbox.view",
  queuesView: "queues.view",
  queuesManage: "queues.manage",
  interactionsRead: "interactions.read",
  offersReceive: "offers.receive",
} as const);
export type Permission = (typeof Permission)[keyof typeof Permission];
export const PERMISSIONS = Object.freeze(Object.values(Permission)) as readonly Permission[];

export const PERMISSION_MATRIX: Readonly<Record<Permission, Readonly<Record<Role, Cell>>>> = Object.freeze({
  "console.use": { admin: "all", manager: "all", supervisor: "all", viewer: "all", agent: false },
  // Viewers read the console but change nothing.
  "console.write": { admin: "all", manager: "all", supervisor: "all", viewer: false, agent: false },
  "dock.use": { admin: "all", manager: "all", supervisor: "all", viewer: false, agent: "all" },
  "presence.view": { admin: "all", manager: "ownTeams", supervisor: "ownTeams", viewer: "all", agent: false },
  "presence.setOthers": { admin: "all", manager: "ownTeams", supervisor: "ownTeams", viewer: false, agent: false },
  "members.view": { admin: "all", manager: "all", supervisor: "all", viewer: "all", agent: false },
  // Manager may invite into any team (the seed lets managers add members); supervisor only into own teams.
  "members.invite": { admin: "all", manager: "all", supervisor: "ownTeams", viewer: false, agent: false },
  "members.changeRoles": { admin: "all", manager: "all", supervisor: false, viewer: false, agent: false },
  "teams.manageMembers": { admin: "all", manager: "ownTeams", supervisor: "ownTeams", viewer: false, agent: false },
  "members.revoke": { admin: "all", manager: "all", supervisor: false, viewer: false, agent: false },
  "teams.settings": { admin: "all", manager: "ownTeams", supervisor: "ownTeams", viewer: false, agent: false },
  "workspace.settings": { admin: "all", manager: { unless: "noWorkspaceSettings" }, supervisor: false, viewer: false, agent: false },
  // Seed 003: only admins set restrictions.
  "restrictions.set": { admin: "all", manager: false, supervisor: false, viewer: false, agent: false },
  "contacts.delete": { admin: "all", manager: { unless: "noContactDeletion" }, supervisor: false, viewer: false, agent: false },
  "data.export": { admin: "all", manager: { unless: "noDataExport" }, supervisor: false, viewer: false, agent: false },
  "integrations.connect": { admin: "all", manager: { unless: "noIntegrations" }, supervisor: false, viewer: false, agent: false },
  "channels.connect": { admin: "all", manager: false, supervisor: false, viewer: false, agent: false },
  "audit.view": { admin: "all", manager: "all", supervisor: false, viewer: "all", agent: false },
  // The mail outbox (no SMTP configured) holds registration links: admins only.
  "outbox.view": { admin: "all", manager: false, supervisor: false, viewer: false, agent: false },
  // §5 "manage queues … viewer ❌ (reads)": viewers read every queue, managers and supervisors their teams' queues.
  "queues.view": { admin: "all", manager: "ownTeams", supervisor: "ownTeams", viewer: "all", agent: false },
  // "ownTeams" here means every team of the queue is the actor's (checkManageQueue), not just one.
  "queues.manage": { admin: "all", manager: "ownTeams", supervisor: "ownTeams", viewer: false, agent: false },
  // Agents read only the interactions they handled: interactionScopeOf grants that to everyone.
  "interactions.read": { admin: "all", manager: "ownTeams", supervisor: "ownTeams", viewer: "all", agent: false },
  "offers.receive": { admin: "all", manager: "all", supervisor: "all", viewer: false, agent: "all" },
});

/** Roles each role may hand out in an invitation (the "invite / add members" row). */
export const INVITABLE_ROLES: Readonly<Record<Role, readonly Role[]>> = Object.freeze({
  admin: ["admin", "manager", "supervisor", "viewer", "agent"],
  manager: ["supervisor", "agent", "viewer"],
  supervisor: ["agent"],
  viewer: [],
  agent: [],
});

/** Roles each role may set on an existing member ("change another member's roles"). */
export const GRANTABLE_ROLES: Readonly<Record<Role, readonly Role[]>> = Object.freeze({
  admin: ["admin", "manager", "supervisor", "viewer", "agent"],
  manager: ["supervisor", "agent", "viewer"],
  supervisor: [],
  viewer: [],
  agent: [],
});

/** Whose access each role may revoke: a target whose every role is in this list. */
export const REVOCABLE_ROLES: Readonly<Record<Role, readonly Role[]>> = Object.freeze({
  admin: ["admin", "manager", "supervisor", "viewer", "agent"],
  manager: ["supervisor", "agent", "viewer"],
  supervisor: [],
  viewer: [],
  agent: [],
});
