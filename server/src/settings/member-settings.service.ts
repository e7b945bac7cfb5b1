import {
  can,
  checkMemberSettingsEdit,
  lockLevelOf,
  resolveEffectiveSettings,
  AuditAction,
  type ChatLimits,
  type EffectiveSettings,
  type MemberSettings,
  type MemberSettingsBody,
} from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { recordAudit } from "../audit/audit.service.js";
import { forbidden, notFound, refuseIf } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { membershipsOf, type MembershipCache } from "../members/membership-cache.js";
import { MembershipModel } from "../members/membership.model.js";
import { membershipWritesOf } from "../members/membership-writes.js";
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
 * Effective settings of many members at once (the board's chat limits, routing's eligibility, the
 * push to docks after a change): the workspace and its teams are read once and each member is
 * resolved in memory, so a workspace-wide change costs two reads, not two per member.
 * Null when the workspace is gone.
 */
async function settingsResolverFor(workspaceId: string) {
  const [workspace, teams] = await Promise.all([WorkspaceModel.findById(workspaceId).lean(), TeamModel.find({ workspaceId }).lean()]);
  if (!workspace) return null;
  const teamById = new Map(teams.map((team) => [String(team._id), teamLevel(team)]));
  const level = workspaceLevel(workspace);
  return (m: MembershipLevel) => {
    const team = m.teams[0] === undefined ? null : (teamById.get(String(m.teams[0])) ?? null);
    return resolveEffectiveSettings({ workspace: level, team, user: userLevel(m) }).values;
  };
}

export async function loadEffectiveSettingsMany(workspaceId: string, memberships: readonly MembershipLevel[]): Promise<Map<string, EffectiveSettings>> {
  const resolve = await settingsResolverFor(workspaceId);
  if (!resolve) return new Map();
  return new Map(memberships.map((m) => [String(m.userId), resolve(m)]));
}

/**
 * The effective settings pushed to connected docks after a change (one push per change, however
 * many members it reaches): memberships from the workspace's copy, the levels above read once.
 */
export async function loadEffectiveSettingsOf(memberships: MembershipCache, workspaceId: string, userIds: readonly string[]): Promise<Map<string, EffectiveSettings>> {
  const found = await Promise.all(userIds.map((userId) => memberships.find(workspaceId, userId)));
  return loadEffectiveSettingsMany(workspaceId, found.filter((m) => m !== undefined && m !== null));
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
 * workspace's copy (FerretDB would scan the collection for it).
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

export async function updateMemberSettings(deps: AppDeps, actor: MemberContext, userId: string, body: MemberSettingsBody): Promise<MemberSettings> {
  const levels = await loadLevelsToEdit(actor.workspaceId, userId);
  const { membership, workspace, team } = levels;
  refuseIf(checkMemberSettingsEdit(actor, { userId, roles: membership.roles, teams: membership.teams.map(String) }));
  const before = { overrides: storedOverrides(membership.settingsOverrides), overrideDockSettings: membership.overrideDockSettings };
  assertNoLockedOverride({
    next: body.overrides,
    previous: before.overrides,
    lockedAbove: (field) => lockLevelOf(field, workspace.locks, team?.locks ?? []),
    pathPrefix: "overrides",
  });
  const overrideDockSettings = body.overrideDockSettings ?? membership.overrideDockSettings;
  // Only these fields, and only while still active: a revoke meanwhile wins (DESIGN.md §2). The
  // overrides live on the membership: its copies are reread (announced by the write), then docks and boards hear of the new settings.
  const written = await membershipWritesOf(deps).set(membership, { settingsOverrides: body.overrides, overrideDockSettings }, { status: "active" });
  if (!written) throw notFound("Member");
  // The reply shows the levels as written.
  Object.assign(membership, { settingsOverrides: body.overrides, overrideDockSettings });
  await recordAudit({
    workspaceId: actor.workspaceId,
    actor: { id: actor.userId, name: actor.name },
    action: AuditAction.memberSettingsChanged,
    target: { type: "member", id: userId, label: membership.name },
    before,
    after: { overrides: body.overrides, overrideDockSettings },
    at: deps.clock.now(),
  });
  deps.events.emit("settings.changed", { workspaceId: actor.workspaceId, userIds: [userId] });
  return toView(levels);
}
