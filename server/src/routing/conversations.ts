import { randomBytes } from "node:crypto";
import { ClosedBy, OfferCancelReason, type ChatMessage, type InteractionDetail, type MessageAuthor, type WrapUpState } from "@switchboard/shared";
import { trusted } from "mongoose";
import { AppError, notFound } from "../http/app-error.js";
import { InteractionModel, type InteractionDoc, type StoredMessage } from "./interaction.model.js";
import { findInWorkspace, transition } from "./interaction-writes.js";
import { toInteractionDetail, toMessageView } from "./interaction-view.js";
import type { RoutingQueue } from "./queue-catalog.js";
import { agentKey } from "./reservations.js";
import type { Router } from "./router.js";

type Lean = InteractionDoc;
/**
 * Requeued chats go back to the front of their queue (DESIGN.md §10): FIFO is by `queuedAt`, and
 * moving it this far back keeps them ahead of every new chat and in their own original order.
 */
const FRONT_OF_QUEUE_MS = 1e12;
const messageId = () => randomBytes(8).toString("hex");

/**
 * What happens to an interaction once it exists: the customer's and the agent's messages,
 * either side ending it, wrap-up, and an offline agent's chats going back to the queue.
 */
export class Conversations {
  /** Wrap-ups this node started: agent → interaction → until (ms). */
  private readonly wrapping = new Map<string, Map<string, number>>();

  constructor(private readonly router: Router) {}

  private get publish() {
    return this.router.publish;
  }

  async enqueueChat(input: {
    /** Chosen by the caller when it has counted the chat against the visitor's address already. */
    id?: string;
    queue: RoutingQueue;
    text: string;
    name: string | null;
    email: string | null;
    visitorTokenHash: string;
    visitorAddress: string;
  }): Promise<Lean> {
    const first = { _id: messageId(), from: "visitor", text: input.text, at: this.router.now(), ...(input.name ? { authorName: input.name } : {}) };
    return this.enqueue(input.queue, "chat", { name: input.name, email: input.email, phone: null }, {
      ...(input.id ? { _id: input.id } : {}),
      messages: [first],
      visitorTokenHash: input.visitorTokenHash,
      visitorAddress: input.visitorAddress,
    });
  }

  /**
   * A call waiting in a phone queue. Calls reach the server through Kamailio (DESIGN.md §14, its
   * own issue); routing treats them like chats, with the call capacity rules.
   */
  async enqueueCall(input: { queue: RoutingQueue; number: string | null; name: string | null }): Promise<Lean> {
    return this.enqueue(input.queue, "call", { name: input.name, email: null, phone: input.number }, {});
  }

  private async enqueue(queue: RoutingQueue, kind: Lean["kind"], contact: Lean["contact"], extra: Record<string, unknown>): Promise<Lean> {
    const now = this.router.now();
    const created = await InteractionModel.create({
      workspaceId: queue.workspaceId,
      queueId: queue.id,
      queueName: queue.name,
      queueTeams: queue.teams,
      kind,
      state: "queued",
      contact,
      queuedAt: now,
      enqueuedAt: now,
      ...extra,
    });
    const doc = created.toObject() as Lean;
    this.router.changed(doc);
    void this.router.pump(queue.workspaceId);
    return doc;
  }

  /** Appends a message; the agent (if any) and the visitor get it. */
  private async append(doc: Lean, from: MessageAuthor, text: string, authorName?: string): Promise<{ doc: Lean; message: ChatMessage }> {
    const stored: StoredMessage = { _id: messageId(), from, text, at: this.router.now(), ...(authorName ? { authorName } : {}) };
    const updated = await transition(String(doc._id), ["queued", "offered", "connected"], { $push: { messages: stored } });
    if (!updated) throw new AppError("CONFLICT", "This chat has ended.");
    const interactionId = String(doc._id);
    this.publish.visitorMessage(interactionId, { interactionId, message: toMessageView(stored, updated, { email: false, phone: false }) });
    if (updated.agentId && updated.state === "connected") {
      const workspaceId = String(updated.workspaceId);
      const member = await this.router.directory.member(workspaceId, String(updated.agentId));
      if (member) this.publish.agentMessage(workspaceId, String(updated.agentId), { interactionId, message: toMessageView(stored, updated, member.masking) });
    }
    return { doc: updated, message: toMessageView(stored, updated, { email: false, phone: false }) };
  }

  async visitorSends(interactionId: string, text: string): Promise<ChatMessage> {
    const doc = await InteractionModel.findById(interactionId).lean<Lean>();
    if (!doc) throw notFound("Chat");
    return (await this.append(doc, "visitor", text, doc.contact?.name ?? undefined)).message;
  }

  /** The agent's own connected chat, or 404 (never another agent's). */
  private async agentsOwn(workspaceId: string, userId: string, interactionId: string): Promise<Lean> {
    const doc = await findInWorkspace(interactionId, workspaceId);
    if (!doc || String(doc.agentId) !== userId) throw notFound("Interaction");
    return doc;
  }

  async agentSends(workspaceId: string, userId: string, interactionId: string, text: string): Promise<ChatMessage> {
    const doc = await this.agentsOwn(workspaceId, userId, interactionId);
    if (doc.state !== "connected") throw new AppError("CONFLICT", "This chat has ended.");
    const member = await this.router.directory.member(workspaceId, userId);
    const { doc: updated, message } = await this.append(doc, "agent", text, doc.agentName ?? undefined);
    return { ...message, text: toMessageView(updated.messages.at(-1)!, updated, member?.masking ?? { email: true, phone: true }).text };
  }

  async agentTyping(workspaceId: string, userId: string, interactionId: string, typing: boolean) {
    const doc = await this.agentsOwn(workspaceId, userId, interactionId);
    if (doc.state === "connected") this.publish.visitorTyping(interactionId, typing);
  }

  async visitorTyping(interactionId: string, typing: boolean) {
    const doc = await InteractionModel.findById(interactionId, { workspaceId: 1, agentId: 1, state: 1 }).lean<Lean>();
    if (doc?.agentId && doc.state === "connected") this.publish.agentTyping(String(doc.workspaceId), String(doc.agentId), { interactionId, typing });
  }

  async closeByAgent(workspaceId: string, userId: string, interactionId: string): Promise<InteractionDetail> {
    const doc = await this.agentsOwn(workspaceId, userId, interactionId);
    if (doc.state !== "connected") throw new AppError("CONFLICT", "This chat is not open.");
    const ended = await this.endConnected(doc, ClosedBy.agent);
    const member = await this.router.directory.member(workspaceId, userId);
    return toInteractionDetail(ended, member?.masking ?? { email: true, phone: true });
  }

  /** The customer leaves: before an agent has it, abandoned; with an agent, it ends and the agent wraps up. */
  async closeByVisitor(interactionId: string): Promise<void> {
    const doc = await InteractionModel.findById(interactionId).lean<Lean>();
    if (!doc) throw notFound("Chat");
    if (doc.state === "connected") {
      await this.endConnected(doc, ClosedBy.visitor);
      return;
    }
    if (doc.state !== "queued" && doc.state !== "offered") return;
    const now = this.router.now();
    const abandoned = await transition(interactionId, doc.state, { $set: { state: "abandoned", endedAt: now, closedAt: now, closedBy: ClosedBy.visitor } });
    if (!abandoned) return this.closeByVisitor(interactionId); // it moved meanwhile: look again
    const ringing = abandoned.offers.at(-1);
    if (ringing && !ringing.outcome) await this.router.endOffer(interactionId, ringing._id, String(ringing.agentId), "cancelled", OfferCancelReason.abandoned);
    this.publish.visitorClosed(interactionId, ClosedBy.visitor);
    this.router.changed(abandoned);
    this.router.announcePositions(String(doc.workspaceId), String(doc.queueId));
  }

  /** Either side ends a connected chat: the agent's slot is freed and their wrap-up starts (DESIGN.md §10). */
  private async endConnected(doc: Lean, by: ClosedBy): Promise<Lean> {
    const workspaceId = String(doc.workspaceId);
    const userId = String(doc.agentId);
    const queue = await this.router.queues.get(workspaceId, String(doc.queueId));
    const now = this.router.now();
    const wrapMs = (queue?.wrapUpSeconds ?? 0) * this.router.secondMs;
    const set =
      wrapMs > 0
        ? { state: "wrapup", endedAt: now, closedBy: by, wrapUpUntil: new Date(now.getTime() + wrapMs) }
        : { state: "closed", endedAt: now, closedAt: now, closedBy: by };
    const updated = await transition(String(doc._id), "connected", { $set: set });
    if (!updated) throw new AppError("CONFLICT", "This chat is not open.");
    await this.router.reservations.release({ interactionId: String(doc._id), agent: agentKey(workspaceId, userId) });
    this.publish.visitorClosed(String(doc._id), by);
    if (wrapMs > 0) {
      const key = agentKey(workspaceId, userId);
      const mine = this.wrapping.get(key) ?? new Map<string, number>();
      mine.set(String(doc._id), now.getTime() + wrapMs);
      this.wrapping.set(key, mine);
      this.router.armWrapUp(String(doc._id), wrapMs, async () => void (await this.finishWrapUp(workspaceId, userId, false)));
    }
    await this.router.refreshActivity(workspaceId, userId, { endedAt: now, wrapUpUntil: wrapMs > 0 ? new Date(now.getTime() + wrapMs) : undefined });
    this.router.changed(updated);
    void this.router.pump(workspaceId);
    return updated;
  }

  /**
   * Wrap-up over: by its time (`early` false: only those due) or the agent's Done (all). This node
   * knows the wrap-ups it started; Done also looks in the database when it knows none (started on
   * another node), and the sweep below ends any whose timer was lost.
   */
  async finishWrapUp(workspaceId: string, userId: string, early: boolean): Promise<WrapUpState> {
    const key = agentKey(workspaceId, userId);
    const nowMs = this.router.now().getTime();
    const mine = this.wrapping.get(key) ?? new Map<string, number>();
    if (early && mine.size === 0) {
      for (const doc of await InteractionModel.find({ workspaceId, agentId: userId, state: "wrapup" }, { wrapUpUntil: 1 }).lean<Lean[]>()) {
        mine.set(String(doc._id), doc.wrapUpUntil?.getTime() ?? nowMs);
      }
    }
    for (const [interactionId, until] of mine) {
      if (!early && until > nowMs + 5) continue;
      mine.delete(interactionId);
      const closed = await transition(interactionId, "wrapup", { $set: { state: "closed", closedAt: new Date(nowMs) } });
      if (closed) this.router.changed(closed);
    }
    if (mine.size === 0) this.wrapping.delete(key);
    const until = Math.max(0, ...mine.values());
    await this.router.refreshActivity(workspaceId, userId, { wrapUpUntil: until > 0 ? new Date(until) : null });
    void this.router.pump(workspaceId);
    return { wrapUpUntil: until > 0 ? new Date(until).toISOString() : null };
  }

  /** Wrap-ups whose node went away with its timer (a scan: every few seconds only). */
  async sweepWrapUps() {
    const due = await InteractionModel.find({ state: "wrapup", wrapUpUntil: trusted({ $lte: this.router.now() }) }, { workspaceId: 1, agentId: 1, wrapUpUntil: 1 }).lean<Lean[]>();
    for (const doc of due) {
      const key = agentKey(String(doc.workspaceId), String(doc.agentId));
      const mine = this.wrapping.get(key) ?? new Map<string, number>();
      mine.set(String(doc._id), doc.wrapUpUntil!.getTime());
      this.wrapping.set(key, mine);
    }
    for (const key of new Set(due.map((doc) => agentKey(String(doc.workspaceId), String(doc.agentId))))) {
      const [workspaceId, userId] = key.split("|") as [string, string];
      await this.finishWrapUp(workspaceId, userId, false);
    }
  }

  /** DESIGN.md §10: an agent offline past the grace period gives their open chats back, to the front of the queue. */
  async requeue(interactionId: string, workspaceId: string, userId: string): Promise<void> {
    if (!(await this.router.reservations.release({ interactionId, agent: agentKey(workspaceId, userId) }))) return;
    const doc = await InteractionModel.findById(interactionId).lean<Lean>();
    if (!doc) return;
    const updated = await transition(interactionId, "connected", {
      $set: { state: "queued", agentId: null, agentName: null, queuedAt: new Date(doc.enqueuedAt.getTime() - FRONT_OF_QUEUE_MS) },
      $push: { messages: { _id: messageId(), from: "system", text: "The agent was disconnected. You are back at the front of the queue.", at: this.router.now() } },
    });
    await this.router.refreshActivity(workspaceId, userId);
    if (!updated) return;
    const member = await this.router.directory.member(workspaceId, userId);
    // The agent's docks drop it (it is no longer theirs): the last view they may see, then the queue's.
    if (member) this.publish.agentInteraction(workspaceId, userId, toInteractionDetail({ ...updated, agentId: doc.agentId, agentName: doc.agentName }, member.masking));
    const system = updated.messages.at(-1)!;
    this.publish.visitorMessage(interactionId, { interactionId, message: toMessageView(system, updated, { email: false, phone: false }) });
    this.router.changed(updated);
    this.router.announcePositions(workspaceId, String(updated.queueId));
    void this.router.pump(workspaceId);
  }
}
