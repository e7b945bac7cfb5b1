import { can, canLockSettings, lockLevelOf, SettingsAuditAction, type Team, type TeamPatch } from "@switchboard/shared";
import type { Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { recordChangeBy } from "../audit/audit.service.js";
import { ContactModel } from "../contacts/contact.model.js";
import { AppError, forbidden, notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { MembershipModel } from "../members/membership.model.js";
import { assertNoLockedOverride, sameLocks, storedLocks, storedOverrides } from "../settings/stored-settings.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { TeamModel } from "./team.model.js";

interface StoredTeam {
  _id: Types.ObjectId;
  name: string;
  settings?: unknown;
  locks?: string[] | null;
}

const activeMembersOf = (workspaceId: string, teamId: string) => ({ workspaceId, status: "active", teams: teamId });

async function toView(workspaceId: string, team: StoredTeam): Promise<Team> {
  return {
    id: String(team._id),
    name: team.name,
    memberCount: await MembershipModel.countDocuments(activeMembersOf(workspaceId, String(team._id))),
    settings: storedOverrides(team.settings),
    locks: storedLocks(team.locks),
  };
}

async function loadTeam(workspaceId: string, teamId: string) {
  const team = await TeamModel.findOne({ _id: teamId, workspaceId });
  if (!team) throw notFound("Team");
  return team;
}

async function assertNameFree(workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await TeamModel.findOne({ workspaceId, nameLower: name.toLowerCase() }, { _id: 1 }).lean();
  if (clash && String(clash._id) !== exceptId) {
    throw new AppError("CONFLICT", `A team named "${name}" already exists.`, { path: "name" });
  }
}

const audit = (deps: AppDeps, actor: MemberContext, action: SettingsAuditAction, team: { id: string; name: string }, before: unknown, after: unknown) =>
  recordChangeBy(actor, deps.clock.now(), { action, target: { type: "team", id: team.id, label: team.name }, before, after });

export async function listTeams(workspaceId: string) {
  const teams = await TeamModel.find({ workspaceId }).sort({ nameLower: 1 }).lean();
  const items = await Promise.all(teams.map((team) => toView(workspaceId, team)));
  return { items, total: items.length };
}

export async function getTeam(workspaceId: string, teamId: string): Promise<Team> {
  return toView(workspaceId, await loadTeam(workspaceId, teamId));
}

export async function createTeam(deps: AppDeps, actor: MemberContext, name: string): Promise<Team> {
  await assertNameFree(actor.workspaceId, name);
  // The unique (workspace, nameLower) index settles a race between two creations.
  const team = await TeamModel.create({ workspaceId: actor.workspaceId, name, nameLower: name.toLowerCase() });
  await audit(deps, actor, SettingsAuditAction.teamCreated, { id: String(team._id), name }, null, { name });
  return toView(actor.workspaceId, team);
}

/** Members whose primary (first) team is `teamId`: the ones whose settings the team decides. */
async function primaryMembersOf(workspaceId: string, teamId: string): Promise<string[]> {
  const members = await MembershipModel.find(activeMembersOf(workspaceId, teamId), { userId: 1, teams: 1 }).lean();
  return members.filter((m) => String(m.teams[0]) === teamId).map((m) => String(m.userId));
}

export async function updateTeam(deps: AppDeps, actor: MemberContext, teamId: string, patch: TeamPatch): Promise<Team> {
  if (!can(actor, "teams.settings", { teamIds: [teamId] })) throw forbidden("You may only change your own teams.");
  const team = await loadTeam(actor.workspaceId, teamId);
  const before = { name: team.name, settings: storedOverrides(team.settings), locks: storedLocks(team.locks) };
  const locksChanged = patch.locks !== undefined && !sameLocks(patch.locks, before.locks);
  if (locksChanged && !canLockSettings(actor)) throw new AppError("FORBIDDEN", "Only admins lock or unlock settings.", { path: "locks" });
  if (patch.name !== undefined) await assertNameFree(actor.workspaceId, patch.name, teamId);
  if (patch.settings) {
    const workspace = await WorkspaceModel.findById(actor.workspaceId, { locks: 1 }).lean();
    const workspaceLocks = storedLocks(workspace?.locks);
    assertNoLockedOverride({
      next: patch.settings,
      previous: before.settings,
      lockedAbove: (field) => lockLevelOf(field, workspaceLocks, []),
      pathPrefix: "settings",
    });
  }
  const changes = {
    ...(patch.name === undefined ? {} : { name: patch.name, nameLower: patch.name.toLowerCase() }),
    ...(patch.settings ? { settings: patch.settings } : {}),
    ...(patch.locks ? { locks: patch.locks } : {}),
  };
  // Only the fields this patch names (DESIGN.md §2: no load-then-save on FerretDB).
  const { matchedCount } = await TeamModel.updateOne({ _id: team._id, workspaceId: actor.workspaceId }, { $set: changes });
  if (matchedCount === 0) throw notFound("Team");
  team.set(changes);
  const view = await toView(actor.workspaceId, team);
  await audit(deps, actor, SettingsAuditAction.teamChanged, view, before, { name: view.name, settings: view.settings, locks: view.locks });
  if (patch.settings || locksChanged) {
    deps.events.emit("settings.changed", { workspaceId: actor.workspaceId, userIds: await primaryMembersOf(actor.workspaceId, teamId) });
  }
  return view;
}

/** Seed 000: a team can go only once nobody is in it; its contacts become team-less. */
export async function deleteTeam(deps: AppDeps, actor: MemberContext, teamId: string): Promise<void> {
  const team = await loadTeam(actor.workspaceId, teamId);
  const members = await MembershipModel.countDocuments(activeMembersOf(actor.workspaceId, teamId));
  if (members > 0) throw new AppError("CONFLICT", `Move the team's ${members} member(s) to another team first.`, { memberCount: members });
  await TeamModel.deleteOne({ _id: team._id });
  await ContactModel.updateMany({ workspaceId: actor.workspaceId, teamId }, { teamId: null });
  await audit(deps, actor, SettingsAuditAction.teamDeleted, { id: teamId, name: team.name }, { name: team.name, settings: team.settings, locks: team.locks }, null);
}
