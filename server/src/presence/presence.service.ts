import {
  AuditAction,
  MISSED_AWAY_REASON,
  can,
  reachOf,
  type Actor,
  type AutomaticCause,
  type Presence,
  type PresenceCause,
  type PresenceChoice,
  type PresenceSnapshot,
  checkSetPresence,
  type Role,
} from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { recordAudit } from "../audit/audit.service.js";
import { AppError, forbidden, notFound, refuseIf } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { membershipsOf, type LeanMembership, type MembershipCache } from "../members/membership-cache.js";
import { MembershipModel } from "../members/membership.model.js";
import { loadChatLimits } from "../settings/member-settings.service.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { RedisPresenceStore } from "./presence-redis.store.js";
import { MemoryPresenceStore, memberKey, type DeviceEntry, type MemberKey, type PresenceRecord, type PresenceStore } from "./presence.store.js";

/** Who a presence belongs to, as the realtime layer knows it from the handshake. */
export interface MemberInfo extends MemberKey {
  name: string;
  teams: readonly string[];
  roles: readonly Role[];
  /** The Membership document's id, when known: lastActiveAt is then written by `_id`. */
  membershipId?: string;
}

/** The realtime layer fans changes out; the service knows nothing of sockets. `devices` say which nodes hold the member's docks. */
export type PresencePublisher = (workspaceId: string, presence: Presence, devices: readonly DeviceEntry[]) => void;
/** Routing follows status changes made on this node (offers cancelled, chats requeued, capacity offered). */
export type PresenceListener = (workspaceId: string, presence: Presence) => void;

/** What routing derives from interactions and writes into presence. */
export interface RoutingActivity {
  onCall: boolean;
  activeChats: number;
  wrapUpUntil: string | null;
  lastInteractionEndedAt?: string;
}

const AWAY_REASONS_CACHE_MS = 2_000;
/** Throttled lastActiveAt writes are gathered and sent as one bulk write this often. */
const LAST_ACTIVE_FLUSH_MS = 1_000;

type LastActiveWrite = { filter: Record<string, unknown>; at: Date };
/** `$max`: writes may land in any order (a batch in flight, then the final one), the latest time wins. */
const lastActiveUpdate = ({ filter, at }: LastActiveWrite) => ({ updateOne: { filter, update: { $max: { lastActiveAt: at } } } });

const memberInfoFrom = (m: LeanMembership): MemberInfo => ({
  workspaceId: String(m.workspaceId),
  userId: String(m.userId),
  name: m.name,
  teams: m.teams.map(String),
  roles: m.roles,
  membershipId: String(m._id),
});

/** Viewers never take calls: the board lists members who can use a dock. */
const showsOnBoard = (m: Pick<LeanMembership, "userId" | "roles">) => can({ userId: String(m.userId), roles: m.roles, teams: [] }, "dock.use");

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

/**
 * DESIGN.md §8: the server owns presence. Docks report, this decides and announces.
 * Several docks of one member are one presence; the last dock leaving starts a grace
 * period, and only its end (not the first network blip) makes the member offline.
 */
export class PresenceService {
  private readonly locks = new Map<string, Promise<unknown>>();
  /**
   * One read per workspace at a time, shared by every request that arrives meanwhile: a dock's
   * requests then continue in the order they came (separate reads could finish in any order and
   * apply a burst of status changes out of order).
   */
  private readonly awayReasonsCache = new Map<string, { reasons: Promise<string[]>; at: number }>();
  private publish: PresencePublisher = () => {};
  private readonly listeners: PresenceListener[] = [];
  private readonly lastActiveDue = new Map<string, LastActiveWrite>();
  private lastActiveTimer: NodeJS.Timeout | null = null;
  /** When each member's console use last moved lastActiveAt (the throttle of noteConsoleActivity). */
  private readonly consoleActiveAt = new Map<string, number>();
  /** Shared with the socket handshakes and REST; the realtime layer keeps it in step on membership events. */
  readonly memberships: MembershipCache;

  constructor(
    private readonly deps: AppDeps,
    readonly store: PresenceStore,
  ) {
    this.memberships = membershipsOf(deps);
  }

  setPublisher(publisher: PresencePublisher): void {
    this.publish = publisher;
  }

  listen(listener: PresenceListener): void {
    this.listeners.push(listener);
  }

  private now() {
    return this.deps.clock.now();
  }

  /** Steps for one member run one after another on this node, so connect/disconnect/set never interleave. */
  private serially<T>(key: MemberKey, step: () => Promise<T>): Promise<T> {
    const id = memberKey(key);
    const run = (this.locks.get(id) ?? Promise.resolve()).then(step, step);
    const tail = run.catch(() => {});
    this.locks.set(id, tail);
    void tail.then(() => this.locks.get(id) === tail && this.locks.delete(id));
    return run;
  }

  private fresh(member: MemberInfo): PresenceRecord {
    return {
      workspaceId: member.workspaceId,
      userId: member.userId,
      name: member.name,
      teams: [...member.teams],
      roles: [...member.roles],
      status: "offline",
      onCall: false,
      activeChats: 0,
      since: this.now().toISOString(),
      lastSeenAt: null,
      chosen: { status: "available" },
      ...(member.membershipId === undefined ? {} : { membershipId: member.membershipId }),
      // The throttle starts at the first connect: handshakes already cost the database enough,
      // and going offline always writes the final lastSeenAt.
      persistedAt: this.now().getTime(),
    };
  }

  /** Writes the record, persists lastSeenAt when due (or when forced), and announces the result. */
  private async commit(record: PresenceRecord, { persist = false } = {}): Promise<Presence> {
    const nowMs = this.now().getTime();
    const due = record.persistedAt === null || nowMs - record.persistedAt >= this.deps.config.presencePersistMs;
    const writeLastActive = (persist || due) && record.lastSeenAt !== null;
    if (writeLastActive) record.persistedAt = nowMs;
    const devices = await this.store.put(record);
    const presence = toPresence(record, devices);
    this.publish(record.workspaceId, presence, devices);
    for (const listener of this.listeners) listener(record.workspaceId, presence);
    if (writeLastActive) {
      // By `_id` when the record knows its membership: an index lookup anywhere (FerretDB's SQLite backend pushes down only `_id`).
      const filter = record.membershipId ? { _id: record.membershipId } : { workspaceId: record.workspaceId, userId: record.userId };
      const write = { filter, at: new Date(record.lastSeenAt!) };
      this.memberships.touch(record.workspaceId, record.userId, write.at);
      const id = memberKey(record);
      // Going offline waits for the write (it is the last word); the throttled ones join the next batch.
      if (persist) {
        this.lastActiveDue.delete(id);
        await MembershipModel.bulkWrite([lastActiveUpdate(write)]);
      } else {
        this.lastActiveDue.set(id, write);
        this.lastActiveTimer ??= setTimeout(() => void this.flushLastActive(), LAST_ACTIVE_FLUSH_MS).unref();
      }
    }
    return presence;
  }

  /**
   * Using the console is activity too: lastActiveAt moves at most once per presencePersistMs per
   * member (like a dock's), joining the next batched write; the members list sees it at once.
   */
  noteConsoleActivity(member: { workspaceId: string; userId: string; membershipId?: string }): void {
    const id = memberKey(member);
    const nowMs = this.now().getTime();
    const last = this.consoleActiveAt.get(id);
    if (last !== undefined && nowMs - last < this.deps.config.presencePersistMs) return;
    this.consoleActiveAt.set(id, nowMs);
    const at = this.now();
    const filter = member.membershipId ? { _id: member.membershipId } : { workspaceId: member.workspaceId, userId: member.userId };
    this.memberships.touch(member.workspaceId, member.userId, at);
    // A dock's pending write for the same member is older or equal; $max keeps the later date either way.
    this.lastActiveDue.set(id, { filter, at });
    this.lastActiveTimer ??= setTimeout(() => void this.flushLastActive(), LAST_ACTIVE_FLUSH_MS).unref();
  }

  /** One bulk write for every member whose throttled lastActiveAt came due: no database round trip per change. */
  private async flushLastActive(): Promise<void> {
    this.lastActiveTimer = null;
    const writes = [...this.lastActiveDue.values()];
    this.lastActiveDue.clear();
    if (writes.length === 0) return;
    await MembershipModel.bulkWrite(writes.map(lastActiveUpdate), { ordered: false }).catch((err: unknown) =>
      this.deps.logger.warn({ err }, "could not persist lastActiveAt"),
    );
  }

  private setStatus(record: PresenceRecord, choice: PresenceChoice, cause: PresenceCause | undefined) {
    if (record.status !== choice.status || record.awayReason !== choice.awayReason) record.since = this.now().toISOString();
    record.status = choice.status;
    record.awayReason = choice.awayReason;
    record.cause = cause;
  }

  private goOffline(record: PresenceRecord, cause: AutomaticCause) {
    record.status = "offline";
    record.awayReason = undefined;
    record.onCall = false;
    record.activeChats = 0;
    record.since = this.now().toISOString();
    record.cause = cause;
  }

  async deviceConnected(member: MemberInfo, device: DeviceEntry): Promise<Presence> {
    return this.serially(member, async () => {
      await this.store.addDevice(member, device);
      await this.store.cancelOffline(member);
      const record = (await this.store.get(member)) ?? this.fresh(member);
      Object.assign(record, { name: member.name, teams: [...member.teams], roles: [...member.roles] });
      if (member.membershipId !== undefined) record.membershipId = member.membershipId;
      if (record.status === "offline") this.setStatus(record, record.chosen, undefined);
      record.lastSeenAt = this.now().toISOString();
      return this.commit(record);
    });
  }

  /** `signedOut`: the dock signed out, so its leaving is no blip to wait out; without other devices the member is offline now. */
  async deviceDisconnected(member: MemberKey, socketId: string, { signedOut = false } = {}): Promise<void> {
    await this.serially(member, async () => {
      await this.store.removeDevice(member, socketId);
      await this.afterDeviceLoss(member, signedOut);
    });
  }

  private async afterDeviceLoss(member: MemberKey, signedOut = false) {
    const record = await this.store.get(member);
    if (!record) return;
    const remaining = await this.store.devices(member);
    if (record.status !== "offline") {
      record.lastSeenAt = this.now().toISOString();
      if (remaining.length === 0 && signedOut) {
        await this.store.cancelOffline(member);
        this.goOffline(record, "disconnected");
        return void (await this.commit(record, { persist: true }));
      }
      if (remaining.length === 0) await this.store.scheduleOffline(member, this.now().getTime() + this.deps.config.presenceGraceMs);
    }
    await this.commit(record);
  }

  /** The member (or a supervisor, or an automatic rule) picks a status. */
  async choose(member: MemberInfo, choice: PresenceChoice, cause: PresenceCause | undefined): Promise<Presence> {
    return this.serially(member, async () => {
      const record = (await this.store.get(member)) ?? this.fresh(member);
      record.chosen = choice;
      // An offline member keeps the choice for when a dock connects; offline follows the connection.
      if (record.status !== "offline") this.setStatus(record, choice, cause);
      if (typeof cause === "object" && cause.by.userId === member.userId) record.lastSeenAt = this.now().toISOString();
      return this.commit(record);
    });
  }

  /**
   * An older dock's `call:state` / `chat:state`: proof the dock is alive (lastSeenAt), but onCall
   * and activeChats come from interactions (DESIGN.md §8), so its numbers are ignored.
   */
  async touch(member: MemberInfo): Promise<Presence> {
    return this.serially(member, async () => {
      const record = (await this.store.get(member)) ?? this.fresh(member);
      record.lastSeenAt = this.now().toISOString();
      return this.commit(record);
    });
  }

  /** Routing's view of the member's interactions; unlike a dock's report, not a sign of the member's activity. */
  async setRoutingActivity(member: MemberInfo, activity: RoutingActivity): Promise<Presence> {
    return this.serially(member, async () => {
      const record = (await this.store.get(member)) ?? this.fresh(member);
      record.onCall = activity.onCall;
      record.activeChats = activity.activeChats;
      record.wrapUpUntil = activity.wrapUpUntil ?? undefined;
      if (activity.lastInteractionEndedAt) record.lastInteractionEndedAt = activity.lastInteractionEndedAt;
      return this.commit(record);
    });
  }

  /** DESIGN.md §9 auto-pause: an offer rang out unanswered. */
  async autoPause(member: MemberInfo): Promise<Presence> {
    return this.choose(member, { status: "away", awayReason: MISSED_AWAY_REASON }, "missed");
  }

  /** Access was revoked: offline at once (no grace), and whatever docks remain are being cut. */
  async markRevoked(member: MemberKey): Promise<void> {
    await this.serially(member, async () => {
      await this.store.cancelOffline(member);
      const record = await this.store.get(member);
      if (!record || record.status === "offline") return;
      this.goOffline(record, "revoked");
      await this.commit(record, { persist: true });
    });
  }

  /** Name, roles or teams changed, or the member just joined: watchers see it now, connected or not. */
  async memberChanged(membership: LeanMembership): Promise<void> {
    const member = memberInfoFrom(membership);
    await this.serially(member, async () => {
      const record = await this.store.get(member);
      if (!record) {
        if (showsOnBoard(membership)) this.publish(member.workspaceId, toPresence(this.neverConnected(member, membership), []), []);
        return;
      }
      Object.assign(record, { name: member.name, teams: [...member.teams], roles: [...member.roles] });
      await this.commit(record);
    });
  }

  /** A member with no presence yet, as the board shows them: offline since they were last active. */
  private neverConnected(member: MemberInfo, { lastActiveAt, createdAt }: Pick<LeanMembership, "lastActiveAt" | "createdAt">): PresenceRecord {
    const lastActive = lastActiveAt ? lastActiveAt.toISOString() : null;
    return { ...this.fresh(member), since: lastActive ?? createdAt.toISOString(), lastSeenAt: lastActive };
  }

  /** Runs on every node on a timer: end due grace periods, and adopt the docks of dead nodes. */
  async sweep(): Promise<void> {
    for (const member of await this.store.claimOrphanedDevices()) {
      await this.serially(member, () => this.afterDeviceLoss(member));
    }
    for (const member of await this.store.claimDueOffline(this.now().getTime())) {
      await this.serially(member, async () => {
        const record = await this.store.get(member);
        if (!record || record.status === "offline" || (await this.store.devices(member)).length > 0) return;
        this.goOffline(record, "disconnected");
        await this.commit(record, { persist: true });
      });
    }
  }

  /** Away reasons come from the workspace's list (admins edit it); briefly cached, docks send many events. */
  async assertAwayReason(workspaceId: string, reason: string | undefined): Promise<void> {
    if (reason === undefined) return;
    const nowMs = this.now().getTime();
    let cached = this.awayReasonsCache.get(workspaceId);
    if (!cached || nowMs - cached.at > AWAY_REASONS_CACHE_MS) {
      const reasons = WorkspaceModel.findById(workspaceId, { awayReasons: 1 })
        .lean()
        .then((workspace) => workspace?.awayReasons ?? []);
      cached = { reasons, at: nowMs };
      this.awayReasonsCache.set(workspaceId, cached);
      // A failed read is not kept: the next request tries again.
      reasons.catch(() => this.awayReasonsCache.get(workspaceId) === cached && this.awayReasonsCache.delete(workspaceId));
    }
    const reasons = await cached.reasons;
    if (!reasons.includes(reason)) {
      const message = `Pick one of the workspace's away reasons: ${reasons.join(", ")}`;
      throw new AppError("VALIDATION_FAILED", `awayReason: ${message}`, { issues: [{ path: "awayReason", message }] });
    }
  }

  /** A supervisor or manager sets an agent's status for their teams (admins: anyone); audited. */
  async setByOther(actor: MemberContext, userId: string, choice: PresenceChoice): Promise<Presence> {
    const target = await MembershipModel.findOne({ workspaceId: actor.workspaceId, userId, status: "active" }).lean();
    if (!target) throw notFound("Member");
    const member = memberInfoFrom(target);
    refuseIf(checkSetPresence(actor, member));
    await this.assertAwayReason(actor.workspaceId, choice.awayReason);
    const before = await this.store.get(member);
    const presence = await this.choose(member, choice, { by: { userId: actor.userId, name: actor.name } });
    await recordAudit({
      workspaceId: actor.workspaceId,
      actor: { id: actor.userId, name: actor.name },
      action: AuditAction.presenceSet,
      target: { type: "member", id: userId, label: target.name },
      before: before ? { status: before.status, awayReason: before.awayReason ?? null } : null,
      after: { status: choice.status, awayReason: choice.awayReason ?? null },
      at: this.now(),
    });
    return presence;
  }

  /**
   * Everyone the actor may watch (admins and viewers the workspace, supervisors and managers
   * their teams) with each one's chat limit. Members who never connected show as offline
   * since they were last active.
   */
  async snapshot(actor: Actor & { workspaceId: string }): Promise<PresenceSnapshot> {
    const reach = reachOf(actor, "presence.view");
    if (reach === false) throw forbidden("Your role does not allow presence.view.");
    const ownTeams = new Set(actor.teams);
    const inReach = (teams: readonly unknown[]) => reach === "all" || teams.some((team) => ownTeams.has(String(team)));
    const watched = (await this.memberships.active(actor.workspaceId)).filter((m) => inReach(m.teams) && showsOnBoard(m));
    const [items, chatLimits] = await Promise.all([this.presenceOf(actor.workspaceId, watched), loadChatLimits(actor.workspaceId, watched)]);
    return { items, chatLimits };
  }

  private async presenceOf(workspaceId: string, watched: readonly LeanMembership[]): Promise<Presence[]> {
    const userIds = watched.map((m) => String(m.userId));
    const [records, devices] = await Promise.all([this.store.getMany(workspaceId, userIds), this.store.devicesMany(workspaceId, userIds)]);
    return watched.map((m, i) => {
      const member = memberInfoFrom(m);
      return toPresence({ ...(records[i] ?? this.neverConnected(member, m)), name: member.name, teams: [...member.teams], roles: [...member.roles] }, devices[i] ?? []);
    });
  }

  async close(): Promise<void> {
    if (this.lastActiveTimer) clearTimeout(this.lastActiveTimer);
    await this.flushLastActive();
    await this.store.close();
  }
}

const services = new WeakMap<AppDeps, PresenceService>();

/**
 * One presence service per app instance, shared by the REST routes and the socket layer
 * (both are built from the same deps). The store follows config: Redis when REDIS_URL is set.
 */
export function presenceServiceOf(deps: AppDeps): PresenceService {
  let service = services.get(deps);
  if (!service) {
    const store = deps.config.redisUrl ? new RedisPresenceStore(deps.config.redisUrl) : new MemoryPresenceStore();
    service = new PresenceService(deps, store);
    services.set(deps, service);
  }
  return service;
}
