import { reachOf, type Actor, type Presence, type PresenceSnapshot } from "@switchboard/shared";
import type { Clock } from "../clock.js";
import { forbidden } from "../http/app-error.js";
import type { LeanMembership, MembershipCache } from "../members/membership-cache.js";
import { loadChatLimits } from "../settings/member-settings.service.js";
import { memberInfoFrom, neverConnectedRecord, showsOnBoard, toPresence } from "./presence-record.js";
import type { PresenceStore } from "./presence.store.js";

/**
 * Everyone the actor may watch (admins and viewers the workspace, supervisors and managers
 * their teams) with each one's chat limit. Members who never connected show as offline
 * since they were last active.
 */
export async function buildSnapshot(
  input: { store: PresenceStore; memberships: MembershipCache; clock: Clock },
  actor: Actor & { workspaceId: string },
): Promise<PresenceSnapshot> {
  const reach = reachOf(actor, "presence.view");
  if (reach === false) throw forbidden("Your role does not allow presence.view.");
  const ownTeams = new Set(actor.teams);
  const inReach = (teams: readonly unknown[]) => reach === "all" || teams.some((team) => ownTeams.has(String(team)));
  const watched = (await input.memberships.active(actor.workspaceId)).filter((m) => inReach(m.teams) && showsOnBoard(m));
  const [items, chatLimits] = await Promise.all([presenceOf(input, actor.workspaceId, watched), loadChatLimits(actor.workspaceId, watched)]);
  return { items, chatLimits };
}

async function presenceOf(input: { store: PresenceStore; clock: Clock }, workspaceId: string, watched: readonly LeanMembership[]): Promise<Presence[]> {
  const userIds = watched.map((m) => String(m.userId));
  const [records, devices] = await Promise.all([input.store.getMany(workspaceId, userIds), input.store.devicesMany(workspaceId, userIds)]);
  return watched.map((m, i) => {
    const member = memberInfoFrom(m);
    const record = records[i] ?? neverConnectedRecord(member, m, input.clock.now());
    return toPresence({ ...record, name: member.name, teams: [...member.teams], roles: [...member.roles] }, devices[i] ?? []);
  });
}
