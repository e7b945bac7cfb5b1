import { can, type Presence, type Role } from "@switchboard/shared";
import type { LeanMembership } from "../members/membership-cache.js";
import type { DeviceEntry, MemberKey, PresenceRecord } from "./presence.store.js";

/** Who a presence belongs to, as the realtime layer knows it from the handshake. */
export interface MemberInfo extends MemberKey {
  name: string;
  teams: readonly string[];
  roles: readonly Role[];
  /** The Membership document's id, when known: lastActiveAt is then written by `_id`. */
  membershipId?: string;
}

export const memberInfoFrom = (m: LeanMembership): MemberInfo => ({
  workspaceId: String(m.workspaceId),
  userId: String(m.userId),
  name: m.name,
  teams: m.teams.map(String),
  roles: m.roles,
  membershipId: String(m._id),
});

/** Viewers never take calls: the board lists members who can use a dock. */
export const showsOnBoard = (m: Pick<LeanMembership, "userId" | "roles">) => can({ userId: String(m.userId), roles: m.roles, teams: [] }, "dock.use");

/** A member's presence before any dock connected: offline, available once one does. */
export function freshRecord(member: MemberInfo, now: Date): PresenceRecord {
  return {
    workspaceId: member.workspaceId,
    userId: member.userId,
    name: member.name,
    teams: [...member.teams],
    roles: [...member.roles],
    status: "offline",
    onCall: false,
    activeChats: 0,
    since: now.toISOString(),
    lastSeenAt: null,
    chosen: { status: "available" },
    ...(member.membershipId === undefined ? {} : { membershipId: member.membershipId }),
    // The throttle starts at the first connect: handshakes already cost the database enough,
    // and going offline always writes the final lastSeenAt.
    persistedAt: now.getTime(),
  };
}

/** A member with no presence yet, as the board shows them: offline since they were last active. */
export function neverConnectedRecord(member: MemberInfo, { lastActiveAt, createdAt }: Pick<LeanMembership, "lastActiveAt" | "createdAt">, now: Date): PresenceRecord {
  const lastActive = lastActiveAt ? lastActiveAt.toISOString() : null;
  return { ...freshRecord(member, now), since: lastActive ?? createdAt.toISOString(), lastSeenAt: lastActive };
}

export function toPresence(record: PresenceRecord, devices: readonly DeviceEntry[]): Presence {
  return {
    userId: record.userId,
    name: record.name,
    teams: record.teams,
    roles: record.roles,
    status: record.status,
    ...(record.awayReason === undefined ? {} : { awayReason: record.awayReason }),
    onCall: record.onCall,
    activeChats: record.activeChats,
    ...(record.wrapUpUntil === undefined ? {} : { wrapUpUntil: record.wrapUpUntil }),
    since: record.since,
    lastSeenAt: record.lastSeenAt,
    ...(record.cause === undefined ? {} : { cause: record.cause }),
    devices: devices.map(({ id, label, connectedAt }) => ({ id, label, connectedAt })),
  };
}
