/** Stable audit action names for settings, teams and connections (same style as members' AuditAction). */
export const SettingsAuditAction = Object.freeze({
  workspaceSettingsChanged: "workspace.settings_changed",
  memberSettingsChanged: "member.settings_changed",
  teamCreated: "team.created",
  teamChanged: "team.changed",
  teamDeleted: "team.deleted",
  integrationConnected: "integration.connected",
  channelConnected: "channel.connected",
} as const);
export type SettingsAuditAction = (typeof SettingsAuditAction)[keyof typeof SettingsAuditAction];
