import { randomBytes } from "node:crypto";
import {
  chooseAgent,
  OfferCancelReason,
  type AgentFacts,
  type InteractionDetail,
  type OfferOutcome,
  type Presence,
  type RoutingTarget,
} from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { AppError, notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { membershipsOf } from "../members/membership-cache.js";
import { presenceServiceOf, type PresenceService } from "../presence/presence.service.js";
import { AgentDirectory, type RoutingMember } from "./agent-directory.js";
import { InteractionModel, type InteractionDoc } from "./interaction.model.js";
import { findInWorkspace, transition } from "./interaction-writes.js";
import { toInteractionDetail, toInteractionView, toOfferView, NO_MASKING } from "./interaction-view.js";
import { QueueCatalog } from "./queue-catalog.js";
import { WaitingList, type Waiting } from "./waiting-list.js";
import { MemoryReservationStore } from "./reservations.memory.js";
import { RedisReservationStore } from "./reservations.redis.js";
import { agentKey, type ReservationStore } from "./reservations.js";
import { Conversations } from "./conversations.js";
import { queueStatsFor } from "./queue-stats.js";
import { silentPublisher, type RoutingPublisher } from "./routing-publisher.js";

/** Injected so tests run offer timeouts and wrap-ups in milliseconds. */
export interface RoutingTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
export const realTimers: RoutingTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Offer ids carry their interaction, so a dock on any node can answer with the offer id alone. */
export const interactionIdOf = (offerId: string) => offerId.split("-")[0] ?? "";

type Lean = InteractionDoc;
/** How stale a node's waiting list may get before it rereads it (other nodes' changes); wrap-ups lost with their node likewise. */
const WAITING_REFRESH_MS = 5_000;
const WRAP_UP_SWEEP_MS = 5_000;
/**
 * A call's ring is timed by Kamailio (the queue's offer timeout), which reports the no-answer; the
 * server's own timer waits this much longer, so it only steps in when that report is lost.
 */
export const CALL_RING_GRACE_MS = 3_000;

/** A new offer, as the SIP side needs it to ring the agent (server/src/sip/queue-calls.ts). */
export type OfferListener = (offer: { interaction: Lean; offerId: string; member: RoutingMember; ringSeconds: number }) => void;

/**
 * The routing engine (DESIGN.md §10): first in first out per queue, the longest-idle eligible
 * agent, one offer at a time with the queue's timeout, decline or timeout to the next agent,
 * wrap-up, and the offline agent's chats back to the queue. Who holds what is decided by the
 * reservation store (atomic on one node and across nodes); the database records it with
 * conditional single-document updates.
 */
export class Router {
  readonly directory: AgentDirectory;
  readonly queues: QueueCatalog;
  readonly presence: PresenceService;
  private publisher: RoutingPublisher = silentPublisher;
  private readonly offerTimers = new Map<string, unknown>();
  private readonly wrapTimers = new Map<string, unknown>();
  private readonly lastStatus = new Map<string, Presence["status"]>();
  private readonly pumping = new Map<string, Promise<void>>();
  private readonly pumpAgain = new Set<string>();
  private readonly positionsDue = new Set<string>();
  private readonly offerLocks = new Map<string, Promise<unknown>>();
  readonly waiting = new WaitingList(WAITING_REFRESH_MS);
  private wrapUpsSweptAt = 0;
  /** Workspaces this node routes for (open interactions or docks seen). */
  readonly workspaces = new Set<string>();
  private closed = false;
  /** Told of every new offer (calls ring through Kamailio). */
  readonly offerListeners = new Set<OfferListener>();

  constructor(
    readonly deps: AppDeps,
    /** Replaceable only by tests that wrap it with checks (test/capacity-checks.ts). */
    public reservations: ReservationStore,
    readonly timers: RoutingTimers = realTimers,
  ) {
    this.presence = presenceServiceOf(deps);
    this.directory = new AgentDirectory(membershipsOf(deps), deps);
    this.queues = new QueueCatalog(deps);
    this.presence.listen((workspaceId, presence) => this.onPresence(workspaceId, presence));
  }

  setPublisher(publisher: RoutingPublisher) {
    this.publisher = publisher;
  }
  get publish() {
    return this.publisher;
  }

  now() {
    return this.deps.clock.now();
  }
  /** Milliseconds per second of queue timing (offer timeout, wrap-up); tests shrink it. */
  get secondMs() {
    return this.deps.config.routingSecondMs;
  }

  // ── the queue ──────────────────────────────────────────────────────────────

  /** Offers waiting interactions of the workspace to free agents; runs once at a time per workspace on a node. */
  pump(workspaceId: string): Promise<void> {
    this.workspaces.add(workspaceId);
    const running = this.pumping.get(workspaceId);
    if (running) {
      this.pumpAgain.add(workspaceId);
      return running;
    }
    const run = (async () => {
      do {
        this.pumpAgain.delete(workspaceId);
        try {
          await this.pumpOnce(workspaceId);
        } catch (err) {
          this.deps.logger.warn({ err, workspaceId }, "routing pass failed");
        }
      } while (this.pumpAgain.has(workspaceId) && !this.closed);
    })().finally(() => this.pumping.delete(workspaceId));
    this.pumping.set(workspaceId, run);
    return run;
  }

  private async pumpOnce(workspaceId: string) {
    const nowMs = this.now().getTime();
    const queued = (await this.waiting.list(workspaceId, nowMs)).filter((w) => w.state === "queued");
    if (queued.length === 0) return;
    const facts = await this.agentFacts(workspaceId);
    for (const waiting of queued) {
      const queue = await this.queues.get(workspaceId, waiting.queueId);
      if (!queue) continue;
      const target: RoutingTarget = { kind: waiting.kind, teams: queue.teams, skills: queue.skills, languages: queue.languages };
      const tried = new Set(waiting.tried);
      let pool = facts.list;
      for (;;) {
        const agent = chooseAgent(pool, target, tried, nowMs);
        if (!agent) break;
        const result = await this.offer(waiting, queue.offerTimeoutSeconds, facts.members.get(agent.userId)!, agent);
        if (result === "ok") {
          const field = waiting.kind === "call" ? "calls" : "chats";
          agent.load = { ...agent.load, [field]: agent.load[field] + 1 };
          break;
        }
        if (result === "held") break;
        // Our picture of this agent was stale (another node filled them): try the others.
        pool = pool.filter((candidate) => candidate !== agent);
      }
    }
  }

  /** Plain facts for eligibility: presence (shared across nodes), holdings (the reservation store), settings and skills. */
  async agentFacts(workspaceId: string): Promise<{ list: AgentFacts[]; members: Map<string, RoutingMember> }> {
    const members = await this.directory.members(workspaceId);
    const userIds = [...members.keys()];
    const [records, holdings] = await Promise.all([
      this.presence.store.getMany(workspaceId, userIds),
      this.reservations.holdings(userIds.map((userId) => agentKey(workspaceId, userId))),
    ]);
    const list = userIds.map((userId, i): AgentFacts => {
      const member = members.get(userId)!;
      const record = records[i];
      const held = holdings[i]!;
      const since = record ? Date.parse(record.since) : 0;
      const ended = record?.lastInteractionEndedAt ? Date.parse(record.lastInteractionEndedAt) : 0;
      return {
        userId,
        active: true,
        teams: member.info.teams,
        mayReceiveOffers: member.mayReceiveOffers,
        status: record?.status ?? "offline",
        wrapUpUntil: record?.wrapUpUntil ? Date.parse(record.wrapUpUntil) : null,
        channel: member.settings.channel,
        chatsPerUser: member.settings.chatsPerUser,
        simultaneousChannelHandling: member.settings.simultaneousChannelHandling,
        skills: member.skills,
        languages: member.languages,
        load: { calls: held.calls, chats: held.chats },
        idleSince: Math.max(since, ended),
      };
    });
    return { list, members };
  }

  /**
   * An offer's start, end and acceptance run one at a time per interaction on this node: an end
   * racing the start (the agent went away while the offer was being written) would otherwise free
   * the slot before the offer is on record, and leave the interaction "offered" to nobody.
   */
  private lifecycle<T>(interactionId: string, step: () => Promise<T>): Promise<T> {
    const run = (this.offerLocks.get(interactionId) ?? Promise.resolve()).then(step, step);
    const tail = run.catch(() => {});
    this.offerLocks.set(interactionId, tail);
    void tail.then(() => this.offerLocks.get(interactionId) === tail && this.offerLocks.delete(interactionId));
    return run;
  }

  private offer(doc: Waiting, timeoutSeconds: number, member: RoutingMember, facts: AgentFacts) {
    return this.lifecycle(doc.id, () => this.startOffer(doc, timeoutSeconds, member, facts));
  }

  private async startOffer(doc: Waiting, timeoutSeconds: number, member: RoutingMember, facts: AgentFacts) {
    const { workspaceId, id: interactionId } = doc;
    const offerId = `${interactionId}-${randomBytes(6).toString("hex")}`;
    const agent = agentKey(workspaceId, facts.userId);
    const reserved = await this.reservations.reserveOffer({ interactionId, offerId, agent, kind: doc.kind, limits: facts });
    if (reserved !== "ok") return reserved;
    const createdAt = this.now();
    const timeoutMs = timeoutSeconds * this.secondMs;
    const timerMs = doc.kind === "call" ? timeoutMs + CALL_RING_GRACE_MS : timeoutMs;
    const offer = { _id: offerId, agentId: facts.userId, agentName: member.info.name, createdAt, expiresAt: new Date(createdAt.getTime() + timeoutMs), endedAt: null, outcome: null };
    const updated = await transition(interactionId, "queued", { $set: { state: "offered" }, $push: { offers: offer } });
    if (!updated) {
      await this.reservations.endOffer({ interactionId, offerId, agent });
      this.waiting.forget(workspaceId, interactionId);
      return "held" as const;
    }
    this.offerTimers.set(offerId, this.timers.setTimeout(() => void this.endOffer(interactionId, offerId, facts.userId, "timeout").catch(this.warn("offer timeout")), timerMs));
    this.publisher.offerNew(workspaceId, facts.userId, toOfferView(updated, updated.offers.at(-1)!, member.masking));
    for (const listener of this.offerListeners) listener({ interaction: updated, offerId, member, ringSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)) });
    this.changed(updated);
    return "ok" as const;
  }

  /**
   * Ends a ringing offer (declined, timed out, cancelled). The reservation store decides whether it
   * still rang (an accept on another node may have won); only then is it recorded and moved on.
   */
  endOffer(interactionId: string, offerId: string, userId: string, outcome: Exclude<OfferOutcome, "accepted">, reason?: OfferCancelReason): Promise<boolean> {
    return this.lifecycle(interactionId, () => this.finishOffer(interactionId, offerId, userId, outcome, reason));
  }

  private async finishOffer(interactionId: string, offerId: string, userId: string, outcome: Exclude<OfferOutcome, "accepted">, reason?: OfferCancelReason): Promise<boolean> {
    this.clearOfferTimer(offerId);
    const doc = await InteractionModel.findById(interactionId).lean<Lean>();
    if (!doc) return false;
    const workspaceId = String(doc.workspaceId);
    if (!(await this.reservations.endOffer({ interactionId, offerId, agent: agentKey(workspaceId, userId) }))) return false;
    const endedAt = this.now();
    const offers = doc.offers.map((offer) => (offer._id === offerId ? { ...offer, outcome, endedAt } : offer));
    const set = doc.state === "offered" ? { offers, state: "queued" } : { offers };
    const updated = await transition(interactionId, doc.state, { $set: set });
    if (outcome !== "declined") this.publisher.offerCancelled(workspaceId, userId, { offerId, reason: reason ?? OfferCancelReason.timeout });
    if (outcome === "timeout") await this.autoPauseIfOn(workspaceId, userId);
    if (updated) this.changed(updated);
    void this.pump(workspaceId);
    return true;
  }

  /**
   * The record says "offered" but nobody holds the interaction (its node died between the two
   * writes): record the offer as cancelled and put it back in the queue.
   */
  private async repairOrphanedOffer(interactionId: string, offerId: string) {
    const doc = await InteractionModel.findById(interactionId).lean<Lean>();
    if (!doc || doc.state !== "offered") return;
    const offers = doc.offers.map((offer) => (offer._id === offerId && !offer.outcome ? { ...offer, outcome: "cancelled", endedAt: this.now() } : offer));
    const updated = await transition(interactionId, "offered", { $set: { offers, state: "queued" } });
    if (updated) this.changed(updated);
  }

  /** DESIGN.md §9: an offer that rang out sets the agent away/missed when their autoPauseNoAnswer is on. */
  private async autoPauseIfOn(workspaceId: string, userId: string) {
    const member = await this.directory.member(workspaceId, userId);
    if (member?.settings.autoPauseNoAnswer) await this.presence.autoPause(member.info);
  }

  accept(workspaceId: string, userId: string, offerId: string): Promise<InteractionDetail> {
    return this.lifecycle(interactionIdOf(offerId), () => this.acceptOffer(workspaceId, userId, offerId));
  }

  private async acceptOffer(workspaceId: string, userId: string, offerId: string): Promise<InteractionDetail> {
    const interactionId = interactionIdOf(offerId);
    const doc = await findInWorkspace(interactionId, workspaceId);
    const offer = doc?.offers.find((o) => o._id === offerId && String(o.agentId) === userId);
    if (!doc || !offer) throw notFound("Offer");
    const member = await this.directory.member(workspaceId, userId);
    if (!member) throw notFound("Offer");
    const won = await this.reservations.acceptOffer({ interactionId, offerId, agent: agentKey(workspaceId, userId), kind: doc.kind });
    if (!won) throw new AppError("CONFLICT", "This offer is no longer available.");
    this.clearOfferTimer(offerId);
    const now = this.now();
    const offers = doc.offers.map((o) => (o._id === offerId ? { ...o, outcome: "accepted", endedAt: now } : o));
    const updated = await transition(interactionId, "offered", { $set: { offers, state: "connected", agentId: userId, agentName: member.info.name, answeredAt: now } });
    if (!updated) {
      // The customer left between the reservation and now: give the slot back.
      await this.reservations.release({ interactionId, agent: agentKey(workspaceId, userId) });
      throw new AppError("CONFLICT", "The customer has left.");
    }
    await this.refreshActivity(workspaceId, userId);
    this.publisher.visitorJoined(interactionId, member.info.name.split(" ")[0] ?? member.info.name);
    this.changed(updated);
    this.announcePositions(workspaceId, String(updated.queueId));
    return toInteractionDetail(updated, member.masking);
  }

  async decline(workspaceId: string, userId: string, offerId: string): Promise<void> {
    const interactionId = interactionIdOf(offerId);
    const doc = await findInWorkspace(interactionId, workspaceId);
    if (!doc?.offers.some((o) => o._id === offerId && String(o.agentId) === userId)) throw notFound("Offer");
    if (!(await this.endOffer(interactionId, offerId, userId, "declined"))) throw new AppError("CONFLICT", "This offer is no longer available.");
  }

  private clearOfferTimer(offerId: string) {
    const timer = this.offerTimers.get(offerId);
    if (timer !== undefined) this.timers.clearTimeout(timer);
    this.offerTimers.delete(offerId);
  }

  // ── presence follows interactions, routing follows presence ────────────────

  /**
   * onCall and activeChats from what the agent holds (DESIGN.md §8). wrapUpUntil is given when a
   * wrap-up starts or ends; otherwise the one presence has stands.
   */
  async refreshActivity(workspaceId: string, userId: string, change: { endedAt?: Date; wrapUpUntil?: Date | null } = {}) {
    const member = await this.directory.member(workspaceId, userId);
    if (!member) return;
    const [[held], record] = await Promise.all([this.reservations.holdings([agentKey(workspaceId, userId)]), this.presence.store.get(member.info)]);
    const current = record?.wrapUpUntil ? Date.parse(record.wrapUpUntil) : 0;
    const until = change.wrapUpUntil === undefined ? current : change.wrapUpUntil === null ? 0 : Math.max(current, change.wrapUpUntil.getTime());
    await this.presence.setRoutingActivity(member.info, {
      onCall: held!.connectedCalls > 0,
      activeChats: held!.connectedChats,
      wrapUpUntil: until > this.now().getTime() ? new Date(until).toISOString() : null,
      ...(change.endedAt ? { lastInteractionEndedAt: change.endedAt.toISOString() } : {}),
    });
  }

  private onPresence(workspaceId: string, presence: Presence) {
    const key = agentKey(workspaceId, presence.userId);
    const before = this.lastStatus.get(key);
    this.lastStatus.set(key, presence.status);
    if (before === presence.status) return;
    if (presence.status === "available") {
      void this.pump(workspaceId);
      return;
    }
    const reason = presence.status === "offline" ? OfferCancelReason.offline : OfferCancelReason.away;
    void this.withdrawFrom(workspaceId, presence.userId, reason, presence.status === "offline").catch(this.warn("withdraw offers"));
  }

  /** An agent went away or offline: their ringing offers move on; offline (past the grace period) also gives their chats back. */
  private async withdrawFrom(workspaceId: string, userId: string, reason: OfferCancelReason, requeueChats: boolean) {
    const [held] = await this.reservations.holdings([agentKey(workspaceId, userId)]);
    for (const item of held!.items) {
      if (item.stage === "offer") {
        const holder = await this.reservations.holderOf(item.interactionId);
        if (holder?.stage === "offer") await this.endOffer(item.interactionId, holder.offerId, userId, "cancelled", reason);
      } else if (requeueChats && item.kind === "chat") {
        await this.conversations.requeue(item.interactionId, workspaceId, userId);
      }
    }
  }

  // ── bookkeeping ────────────────────────────────────────────────────────────

  readonly conversations: Conversations = new Conversations(this);

  statsFor(actor: MemberContext) {
    return queueStatsFor(this, actor);
  }

  /** Tells the agent's docks and the watchers; the board refreshes. */
  changed(doc: Lean) {
    const workspaceId = String(doc.workspaceId);
    this.waiting.track(doc);
    if (doc.agentId) {
      void this.directory.member(workspaceId, String(doc.agentId)).then((member) => {
        if (member) this.publisher.agentInteraction(workspaceId, String(doc.agentId), toInteractionDetail(doc, member.masking));
      });
    }
    // Console broadcasts carry no contact details: a watcher reads them (masked per reader) over REST.
    const view = toInteractionView({ ...doc, contact: { name: doc.contact?.name ?? null, phone: null, email: null } } as Lean, NO_MASKING);
    this.publisher.watchers(workspaceId, doc.queueTeams.map(String), { ...view, contact: { ...view.contact, masked: true } });
    this.publisher.statsDirty(workspaceId);
  }

  /** Every waiting visitor of the queue learns their place; at most every half second per queue (a scan on FerretDB). */
  announcePositions(workspaceId: string, queueId: string): void {
    if (this.positionsDue.has(queueId)) return;
    this.positionsDue.add(queueId);
    this.timers.setTimeout(() => {
      this.positionsDue.delete(queueId);
      void this.sendPositions(workspaceId, queueId).catch(this.warn("queue positions"));
    }, 100);
  }

  private async sendPositions(workspaceId: string, queueId: string) {
    const waiting = (await this.waiting.list(workspaceId, this.now().getTime())).filter((w) => w.queueId === queueId);
    waiting.forEach((w, i) => this.publisher.visitorQueued(w.id, i + 1));
  }

  /** 1-based place in its queue; 0 once it is no longer waiting. */
  async positionOf(workspaceId: string, queueId: string, interactionId: string): Promise<number> {
    const waiting = (await this.waiting.list(workspaceId, this.now().getTime())).filter((w) => w.queueId === queueId);
    return waiting.findIndex((w) => w.id === interactionId) + 1;
  }

  /** One timer per wrap-up (an agent may wrap up several chats at once). */
  armWrapUp(interactionId: string, ms: number, run: () => Promise<void>) {
    this.wrapTimers.set(
      interactionId,
      this.timers.setTimeout(() => {
        this.wrapTimers.delete(interactionId);
        void run().catch(this.warn("wrap-up end"));
      }, ms),
    );
  }

  warn(what: string) {
    return (err: unknown) => this.deps.logger.warn({ err }, `routing: ${what} failed`);
  }

  /**
   * Each node, once a second: pump the workspaces it knows (a change seen only by another node),
   * end overdue offers whose timer was lost with its node, and end due wrap-ups likewise.
   */
  async tick() {
    const nowMs = this.now().getTime();
    const graceMs = 2 * this.secondMs;
    for (const workspaceId of new Set([...this.workspaces, ...this.waiting.known()])) {
      for (const waiting of await this.waiting.list(workspaceId, nowMs)) {
        const ringing = waiting.ringing;
        if (ringing && ringing.expiresAt + graceMs < nowMs && !this.offerTimers.has(ringing.offerId)) {
          const ended = await this.endOffer(waiting.id, ringing.offerId, ringing.agentId, "timeout");
          if (!ended && (await this.reservations.holderOf(waiting.id)) === null) await this.repairOrphanedOffer(waiting.id, ringing.offerId);
        }
      }
      await this.pump(workspaceId);
    }
    if (nowMs - this.wrapUpsSweptAt > WRAP_UP_SWEEP_MS) {
      this.wrapUpsSweptAt = nowMs;
      await this.conversations.sweepWrapUps();
    }
  }

  async close() {
    this.closed = true;
    for (const timer of [...this.offerTimers.values(), ...this.wrapTimers.values()]) this.timers.clearTimeout(timer);
    await Promise.all([...this.pumping.values()]);
    await this.reservations.close();
  }
}

const routers = new WeakMap<AppDeps, Router>();

/** One router per app instance; the reservation store follows config (Redis when REDIS_URL is set). */
export function routerOf(deps: AppDeps): Router {
  let router = routers.get(deps);
  if (!router) {
    const store = deps.config.redisUrl ? new RedisReservationStore(deps.config.redisUrl) : new MemoryReservationStore();
    router = new Router(deps, store);
    routers.set(deps, router);
  }
  return router;
}
