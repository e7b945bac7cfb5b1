import {
  AuditAction,
  MISSED_AWAY_REASON,
  type Actor,
  type AutomaticCause,
  type Presence,
  type PresenceCause,
  type PresenceChoice,
  type PresenceSnapshot,
  checkSetPresence,
} from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { recordAudit } from "../audit/audit.service.js";
import { notFound, refuseIf } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { membershipsOf, type LeanMembership, type MembershipCache } from "../members/membership-cache.js";
import { MembershipModel } from "../members/membership.model.js";
import { AwayReasons } from "./away-reasons.js";
import { LastActiveWriter } from "./last-active-writer.js";
import { MemberQueue } from "./member-queue.js";
import { buildSnapshot } from "./presence-board.js";
import { freshRecord, memberInfoFrom, neverConnectedRecord, showsOnBoard, toPresence, type MemberInfo } from "./presence-record.js";
import { RedisPresenceStore } from "./presence-redis.store.js";
import { MemoryPresenceStore, type DeviceEntry, type MemberKey, type PresenceRecord, type PresenceStore } from "./presence.store.js";

export { toPresence, type MemberInfo } from "./presence-record.js";

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

/**
 * DESIGN.md §8: the server owns presence. Docks report, this decides and announces.
 * Several docks of one member are one presence; the last dock leaving starts a grace
 * period, and only its end (not the first network blip) makes the member offline.
 */
export class PresenceService {
  private readonly queue = new MemberQueue();
  private readonly awayReasons: AwayReasons;
  private readonly lastActive: LastActiveWriter;
  private publish: PresencePublisher = () => {};
  private readonly listeners: PresenceListener[] = [];
  /** Shared with the socket handshakes and REST; the realtime layer keeps it in step on membership events. */
  readonly memberships: MembershipCache;

  constructor(
    private readonly deps: AppDeps,
    readonly store: PresenceStore,
  ) {
    this.memberships = membershipsOf(deps);
    this.awayReasons = new AwayReasons(deps.clock);
    this.lastActive = new LastActiveWriter(deps, this.memberships);
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

  private serially<T>(key: MemberKey, step: () => Promise<T>): Promise<T> {
    return this.queue.run(key, step);
  }

  private fresh(member: MemberInfo): PresenceRecord {
    return freshRecord(member, this.now());
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
    if (writeLastActive) await this.lastActive.write(record, new Date(record.lastSeenAt!), { now: persist });
    return presence;
  }

  /** Console use moves lastActiveAt too (throttled like a dock's). */
  noteConsoleActivity(member: { workspaceId: string; userId: string; membershipId?: string }): void {
    this.lastActive.noteConsole(member);
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
        if (showsOnBoard(membership)) this.publish(member.workspaceId, toPresence(neverConnectedRecord(member, membership, this.now()), []), []);
        return;
      }
      Object.assign(record, { name: member.name, teams: [...member.teams], roles: [...member.roles] });
      await this.commit(record);
    });
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

  /** Away reasons come from the workspace's list (admins edit it). */
  assertAwayReason(workspaceId: string, reason: string | undefined): Promise<void> {
    return this.awayReasons.assert(workspaceId, reason);
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

  /** The board the actor may watch (presence-board.ts). */
  snapshot(actor: Actor & { workspaceId: string }): Promise<PresenceSnapshot> {
    return buildSnapshot({ store: this.store, memberships: this.memberships, clock: this.deps.clock }, actor);
  }

  async close(): Promise<void> {
    await this.lastActive.flush();
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
