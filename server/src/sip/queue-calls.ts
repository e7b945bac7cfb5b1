import { endpointTarget, OfferCancelReason, RingFailure, type CallQueued, type CallRing, type KamailioEvent, type ServerCommand } from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { QueueModel } from "../routing/queue.model.js";
import type { OfferListener, Router } from "../routing/router.js";

/** A queue call Kamailio holds for us. `held`: suspended, waiting for our next decision. */
interface HeldCall {
  callId: string;
  tindex: number;
  tlabel: number;
  interactionId: string;
  workspaceId: string;
  queueNumber: string;
  held: boolean;
  ringing: { offerId: string; agentId: string } | null;
  /** A decision made while Kamailio was still ringing someone (our timer beat its report). */
  next: { command: CallRing; agentId: string } | null;
}

type Offer = Parameters<OfferListener>[0];
/** An agent rung but not registered: wait a moment before the next try, so nothing spins. */
const UNAVAILABLE_PAUSE_MS = 1_000;

/**
 * Queue calls (DESIGN.md §14): Kamailio reports, the router decides, this turns one into the
 * other. A call is an interaction (`enqueueCall`) routed like a chat; each offer becomes a
 * `call.ring` to the agent's registration with the identity their masking allows; a no-answer,
 * busy or decline ends the offer like the dock's timeout or decline would; dialog start/end
 * connect and end the interaction (so presence `onCall` comes from the server).
 *
 * The calls live in this node's memory: only the node holding the lease drives Kamailio. When
 * that node dies, the calls it held stay suspended in Kamailio until their wait runs out.
 */
export class QueueCalls {
  private readonly calls = new Map<string, HeldCall>();
  private readonly byInteraction = new Map<string, string>();
  /** Offers made before enqueueCall returned (the router pumps at once). */
  private readonly early = new Map<string, Offer>();
  private readonly onOffer: OfferListener = (offer) => this.offered(offer);

  constructor(
    private readonly deps: AppDeps,
    private readonly router: Router,
    private readonly send: (command: ServerCommand) => boolean,
    private readonly domain: string,
    /** A dialed number that is no queue's: a member's outbound call (outbound-calls.ts) answers it. */
    private readonly notAQueue: (event: CallQueued) => Promise<void> = async (event) =>
      void this.send({ type: "call.reject", callId: event.callId, tindex: event.tindex, tlabel: event.tlabel, code: 404, reason: "No Such Queue" }),
  ) {
    router.offerListeners.add(this.onOffer);
  }

  detach() {
    this.router.offerListeners.delete(this.onOffer);
  }

  /** A reconnection to a Kamailio that started since: the calls it held are gone with it. */
  private async hello(startedAt: number) {
    const restarted = this.kamailioStartedAt !== null && this.kamailioStartedAt !== startedAt;
    this.kamailioStartedAt = startedAt;
    if (restarted) await this.forgetAll();
  }

  async forgetAll() {
    const calls = [...this.calls.values()];
    this.calls.clear();
    this.byInteraction.clear();
    for (const call of calls) await this.router.conversations.closeByVisitor(call.interactionId).catch(this.router.warn("forget call"));
  }

  private kamailioStartedAt: number | null = null;

  async handle(event: KamailioEvent): Promise<void> {
    switch (event.type) {
      case "kamailio.hello":
        return this.hello(event.startedAt);
      case "call.queued":
        return this.queued(event);
      case "call.ring.failed":
        return this.ringFailed(event.callId, event.reason);
      case "call.abandoned":
        return this.abandoned(event.callId);
      case "dialog.start":
        return this.connected(event.callId);
      case "dialog.end":
        return this.ended(event.callId);
    }
  }

  private async queued(event: CallQueued) {
    const { callId, tindex, tlabel } = event;
    const doc = await QueueModel.findOne({ number: event.queueNumber, channel: "phone" }, { workspaceId: 1 }).lean();
    const queue = doc ? await this.router.queues.get(String(doc.workspaceId), String(doc._id)) : null;
    if (!queue) return this.notAQueue(event);
    const interaction = await this.router.conversations.enqueueCall({ queue, number: event.from || null, name: event.fromName || null });
    const interactionId = String(interaction._id);
    const call: HeldCall = { callId, tindex, tlabel, interactionId, workspaceId: queue.workspaceId, queueNumber: event.queueNumber, held: true, ringing: null, next: null };
    this.calls.set(callId, call);
    this.byInteraction.set(interactionId, callId);
    const early = this.early.get(interactionId);
    this.early.delete(interactionId);
    if (early) this.offered(early);
  }

  private offered(offer: Offer) {
    if (offer.interaction.kind !== "call") return;
    const interactionId = String(offer.interaction._id);
    const callId = this.byInteraction.get(interactionId);
    const call = callId ? this.calls.get(callId) : undefined;
    if (!call) {
      this.early.set(interactionId, offer);
      return;
    }
    const ring = { command: this.ringCommand(call, offer), agentId: offer.member.info.userId };
    if (!call.held) {
      call.next = ring;
      return;
    }
    this.ring(call, ring);
  }

  /** Masking in SIP: a masking agent sees the queue's number and name, never the caller's. */
  private ringCommand(call: HeldCall, offer: Offer): CallRing {
    const masked = offer.member.masking.phone;
    const contact = offer.interaction.contact;
    const number = contact?.phone ?? "";
    return {
      type: "call.ring",
      callId: call.callId,
      tindex: call.tindex,
      tlabel: call.tlabel,
      // The member's endpoint (DESIGN.md §9): the dock, their own SIP phone, or forwardTo via the trunk.
      target: endpointTarget(offer.member.settings, offer.member.info.userId, this.domain),
      ringSeconds: offer.ringSeconds,
      fromUser: masked || !number ? call.queueNumber : number,
      fromName: masked ? offer.interaction.queueName : (contact?.name ?? number),
      offerId: offer.offerId,
    };
  }

  private ring(call: HeldCall, { command: ring, agentId }: { command: CallRing; agentId: string }) {
    if (!this.send(ring)) {
      this.deps.logger.warn({ callId: call.callId }, "Kamailio not connected: the ring waits for the next decision");
    }
    call.held = false;
    call.next = null;
    call.ringing = { offerId: ring.offerId, agentId };
  }

  private async ringFailed(callId: string, reason: RingFailure) {
    const call = this.calls.get(callId);
    if (!call) return;
    call.held = true;
    const ringing = call.ringing;
    call.ringing = null;
    if (call.next) this.ring(call, call.next);
    if (!ringing) return;
    const { interactionId } = call;
    if (reason === RingFailure.unavailable) {
      await new Promise((resolve) => setTimeout(resolve, UNAVAILABLE_PAUSE_MS).unref());
      await this.router.endOffer(interactionId, ringing.offerId, ringing.agentId, "cancelled", OfferCancelReason.ineligible);
      return;
    }
    // A ring that rang out is the dock's timeout (away/missed with autoPauseNoAnswer); busy or declined, a decline.
    await this.router.endOffer(interactionId, ringing.offerId, ringing.agentId, reason === RingFailure.noanswer ? "timeout" : "declined");
  }

  private async abandoned(callId: string) {
    const call = this.calls.get(callId);
    if (!call) return;
    this.forget(call);
    await this.router.conversations.closeByVisitor(call.interactionId);
    // Kamailio may have answered the CANCEL's INVITE itself; if not, this does (a no-op otherwise).
    if (call.held) this.send({ type: "call.reject", callId, tindex: call.tindex, tlabel: call.tlabel, code: 487, reason: "Request Terminated" });
  }

  private async connected(callId: string) {
    const call = this.calls.get(callId);
    if (!call?.ringing) return;
    const { offerId, agentId } = call.ringing;
    call.ringing = null;
    await this.router.accept(call.workspaceId, agentId, offerId);
  }

  private async ended(callId: string) {
    const call = this.calls.get(callId);
    if (!call) return;
    this.forget(call);
    await this.router.conversations.closeByVisitor(call.interactionId);
  }

  private forget(call: HeldCall) {
    this.calls.delete(call.callId);
    this.byInteraction.delete(call.interactionId);
  }
}
