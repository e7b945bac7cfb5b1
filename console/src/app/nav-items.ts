import { Permission } from "@switchboard/shared";

export interface NavItem {
  path: string;
  label: string;
  testId: string;
  /** The matrix cell that makes the page useful; the item is hidden without it. */
  permission: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/members", label: "Members", testId: "nav-members", permission: Permission.membersView },
  { path: "/invitations", label: "Invitations", testId: "nav-invitations", permission: Permission.membersInvite },
  { path: "/teams", label: "Teams", testId: "nav-teams", permission: Permission.membersView },
  { path: "/presence", label: "Presence", testId: "nav-presence", permission: Permission.presenceView },
  { path: "/queues", label: "Queues", testId: "nav-queues", permission: Permission.queuesView },
  { path: "/interactions", label: "Interactions", testId: "nav-interactions", permission: Permission.interactionsRead },
  { path: "/contacts", label: "Contacts", testId: "nav-contacts", permission: Permission.consoleUse },
  { path: "/audit", label: "Audit", testId: "nav-audit", permission: Permission.auditView },
  { path: "/outbox", label: "Outbox", testId: "nav-outbox", permission: Permission.outboxView },
  { path: "/settings", label: "Settings", testId: "nav-settings", permission: Permission.workspaceSettings },
];
