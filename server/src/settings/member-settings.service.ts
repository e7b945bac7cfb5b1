import {
  can,
  invitableRoles,
  lockLevelOf,
  resolveEffectiveSettings,
  SettingsAuditAction,
  type ChatLimits,
  type EffectiveSettings,
  type MemberSettings,
  type MemberSettingsBody,
} from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { recordAudit } from "../audit/audit.service.js";
import { forbidden, notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { membershipsOf, type MembershipCache } from "../members/membership-cache.js";
import { MembershipModel } from "../members/membership.model.js";
import { TeamModel } from "../teams/team.model.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { assertNoLockedOverride, storedLocks, storedOverrides } from "./stored-settings.js";

type StoredLevel = { settings?: unknown; locks?: readonly string[] | null };
const workspaceLevel = (workspace: StoredLevel) => ({ settings: storedOverrides(workspace.settings), locks: storedLocks(workspace.locks) });
const teamLevel = (team: StoredLevel & { _id: unknown; name: string }) => ({ id: String(team._id), name: team.name, ...workspaceLevel(team) });
const userLevel = (membership: { settingsOverrides?: unknown; overrideDockSettings: boolean }) => ({
  overrides: storedOverrides(membership.settingsOverrides),
  overrideDockSettings: membership.overrideDockSettings,
});

type MembershipLevel = { userId: unknown; teams: readonly unknown[]; settingsOverrides?: unknown; overrideDockSettings: boolean };

/** The workspace and primary-team levels above a membership. */
async function levelsAbove<M extends MembershipLevel>(workspaceId: string, membership: M) {
  const workspace = await WorkspaceModel.findById(workspaceId).lean();
  if (!workspace) throw notFound("Workspace");
  const primaryTeamId = membership.teams[0];
  const team = primaryTeamId ? await TeamModel.findOne({ _id: primaryTeamId, workspaceId }).lean() : null;
  return { membership, workspace: workspaceLevel(workspace), team: team ? teamLevel(team) : null };
}

/** For a change: the membership as the database has it; the write then goes by `_id`. */
async function loadLevelsToEdit(workspaceId: string, userId: string) {
  const membership = await MembershipModel.findOne({ workspaceId, userId, status: "active" }).lean();
  if (!membership) throw notFound("Member");
  return levelsAbove(workspaceId, membership);
}


/**
 * Effective settings of many members at once (the board's chat limits, routing's eligibility):
 * the workspace and its teams are read once, each member resolved in memory.
 */
export async function loadEffectiveSettingsMany(workspaceId: string, memberships: readonly MembershipLevel[]): Promise<Map<string, EffectiveSettings>> {
  const [workspace, teams] = await Promise.all([WorkspaceModel.findById(workspaceId).lean(), TeamModel.find({ workspaceId }).lean()]);
  if (!workspace) return new Map();
  const teamById = new Map(teams.map((team) => [String(team._id), teamLevel(team)]));
  const level = workspaceLevel(workspace);
  return new Map(
    memberships.map((m) => {
      const team = m.teams[0] === undefined ? null : (teamById.get(String(m.teams[0])) ?? null);
      return [String(m.userId), resolveEffectiveSettings({ workspace: level, team, user: userLevel(m) }).values];
    }),
  );
}

/** Effective chatsPerUser of many members (the presence board's "n / limit"). */
export async function loadChatLimits(workspaceId: string, memberships: readonly MembershipLevel[]): Promise<ChatLimits> {
  const settings = await loadEffectiveSettingsMany(workspaceId, memberships);
  return Object.fromEntries([...settings].map(([userId, values]) => [userId, values.chatsPerUser]));
}

function toView(levels: Awaited<ReturnType<typeof levelsAbove>>): MemberSettings {
  const { membership, workspace, team } = levels;
  const user = userLevel(membership);
  const resolved = resolveEffectiveSettings({ workspace, team, user });
  const inherited = resolveEffectiveSettings({ workspace, team, user: { overrides: {}, overrideDockSettings: false } });
  return {
    userId: String(membership.userId),
    primaryTeam: team ? { id: team.id, name: team.name } : null,
    ...resolved,
    overrides: user.overrides,
    overrideDockSettings: user.overrideDockSettings,
    inherited: { values: inherited.values, origins: inherited.origins },
  };
}

/**
 * A member's effective settings with origins and locks, the membership taken from the
 * workspace's copy: after a workspace-wide change the realtime layer calls this for every
 * connected dock, which must not mean one collection scan per member on FerretDB.
 */
export async function loadMemberSettings(memberships: MembershipCache, workspaceId: string, userId: string): Promise<MemberSettings> {
  const membership = await memberships.find(workspaceId, userId);
  if (!membership) throw notFound("Member");
  return toView(await levelsAbove(workspaceId, membership));
}

export async function getMemberSettings(deps: AppDeps, actor: MemberContext, userId: string): Promise<MemberSettings> {
  if (actor.userId !== userId && !can(actor, "members.view")) throw forbidden("You may only see your own settings.");
  return loadMemberSettings(membershipsOf(deps), actor.workspaceId, userId);
}

/**
 * User-level overrides follow "team inbound/outbound and dock settings" (DESIGN.md §5) over the
 * member's teams; beyond one's own settings, only for members whose roles one could invite.
 */
function assertMayEdit(actor: MemberContext, target: { userId: string; roles: readonly string[]; teams: readonly string[] }): void {
  if (!can(actor, "teams.settings", { teamIds: target.teams })) throw forbidden("You may not change this member's settings.");
  const invitable: readonly string[] = invitableRoles(actor);
  if (actor.userId !== target.userId && !target.roles.every((role) => invitable.includes(role))) {
    throw forbidden("This member holds a role above what you may manage.");
  }
}

export async function updateMemberSettings(deps: AppDeps, actor: MemberContext, userId: string, body: MemberSettingsBody): Promise<MemberSettings> {
  const levels = await loadLevelsToEdit(actor.workspaceId, userId);
  const { membership, workspace, team } = levels;
  assertMayEdit(actor, { userId, roles: membership.roles, teams: membership.teams.map(String) });
  const before = { overrides: storedOverrides(membership.settingsOverrides), overrideDockSettings: membership.overrideDockSettings };
  assertNoLockedOverride({
    next: body.overrides,
    previous: before.overrides,
    lockedAbove: (field) => lockLevelOf(field, workspace.locks, team?.locks ?? []),
    pathPrefix: "overrides",
  });
  const changes = { settingsOverrides: body.overrides, ...(body.overrideDockSettings === undefined ? {} : { overrideDockSettings: body.overrideDockSettings }) };
  // Only these fields, and only while still active: a revoke meanwhile wins (DESIGN.md §2).
  const { matchedCount } = await MembershipModel.updateOne({ _id: membership._id, status: "active" }, { $set: changes });
  if (matchedCount === 0) throw notFound("Member");
  Object.assign(membership, changes);
  await recordAudit({
    workspaceId: actor.workspaceId,
    actor: { id: actor.userId, name: actor.name },
    action: SettingsAuditAction.memberSettingsChanged,
    target: { type: "member", id: userId, label: membership.name },
    before,
    after: { overrides: body.overrides, overrideDockSettings: membership.overrideDockSettings },
    at: deps.clock.now(),
  });
  // The overrides live on the membership: its copies are reread first, then docks and boards hear of the new settings.
  deps.events.emit("membership.changed", { workspaceId: actor.workspaceId, userId });
  deps.events.emit("settings.changed", { workspaceId: actor.workspaceId, userIds: [userId] });
  return toView(levels);
}
