import {
  chooseCallerId,
  dialRefusal,
  DialOrigin,
  phoneNumberSchema,
  RingFailure,
  type CallQueued,
  type EffectiveSettings,
  type KamailioEvent,
  type ServerCommand,
} from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { MembershipModel } from "../members/membership.model.js";
import { membershipsOf } from "../members/membership-cache.js";
import { loadMemberSettings } from "../settings/member-settings.service.js";
import { isCallReference, resolveCallReference } from "./call-references.js";

/** How long an outbound call may ring at the far end before Kamailio gives up. */
const OUTBOUND_RING_SECONDS = 120;
/** What the dialing UA hears when the far end did not answer (SIP final codes by ring failure). */
const FAILURE_REPLY: Record<RingFailure, { code: number; reason: string }> = {
  [RingFailure.busy]: { code: 486, reason: "Busy Here" },
  [RingFailure.declined]: { code: 603, reason: "Decline" },
  [RingFailure.noanswer]: { code: 480, reason: "No Answer" },
  [RingFailure.unavailable]: { code: 480, reason: "Temporarily Unavailable" },
};

interface Decision {
  workspaceId: string;
  number: string;
  settings: EffectiveSettings;
}

/**
 * Outbound calls in SIP (DESIGN.md §14): every INVITE a member sends to digits that are not a
 * queue's number, or to a call reference, is held by Kamailio until this answers. The policy is
 * the server's (shared/src/sip/outbound-policy.ts), whatever the dock's UI showed: a UA that
 * bypasses the dock with the member's credentials gets the same 403.
 */
export class OutboundCalls {
  /** Calls this node let through and still tracks (their ring failures need our final answer). */
  private readonly calls = new Map<string, { tindex: number; tlabel: number }>();

  constructor(
    private readonly deps: AppDeps,
    private readonly send: (command: ServerCommand) => boolean,
    private readonly domain: string,
  ) {}

  /** The dialed user part is not a queue's number: decide the outbound call. Always answers Kamailio. */
  async place(event: CallQueued): Promise<void> {
    const { callId, tindex, tlabel } = event;
    const reject = (code: number, reason: string) => void this.send({ type: "call.reject", callId, tindex, tlabel, code, reason });
    const decision = await this.decide(event.from, event.queueNumber);
    if (decision === "forbidden") return reject(403, "Forbidden");
    if (decision === "unknown") return reject(404, "Not Found");
    const identity = chooseCallerId(decision.settings, decision.number);
    this.calls.set(callId, { tindex, tlabel });
    this.send({
      type: "call.ring",
      callId,
      tindex,
      tlabel,
      target: `sip:${decision.number}@${this.domain}`,
      ringSeconds: OUTBOUND_RING_SECONDS,
      // Without a caller ID the callee sees the member's own address, never a number they typed.
      fromUser: identity?.number ?? event.from,
      fromName: identity?.name ?? "",
      offerId: "outbound",
    });
  }

  private async decide(callerId: string, dialed: string): Promise<Decision | "forbidden" | "unknown"> {
    if (isCallReference(dialed)) {
      const secret = this.deps.config.sip?.secret;
      const reference = secret ? resolveCallReference(secret, dialed, callerId, this.deps.clock.now()) : null;
      if (!reference) return "forbidden";
      const settings = await this.settingsOf(reference.workspaceId, callerId);
      if (!settings || dialRefusal(settings, DialOrigin.reference)) return "forbidden";
      return { workspaceId: reference.workspaceId, number: reference.number, settings };
    }
    const parsed = phoneNumberSchema.safeParse(dialed);
    if (!parsed.success) return "unknown";
    // Typed digits carry no workspace: every active membership must allow them (one refusal refuses).
    const memberships = await MembershipModel.find({ userId: callerId, status: "active" }, { workspaceId: 1 }).lean().catch(() => []);
    let first: Decision | null = null;
    for (const membership of memberships) {
      const workspaceId = String(membership.workspaceId);
      const settings = await this.settingsOf(workspaceId, callerId);
      if (!settings || dialRefusal(settings, DialOrigin.typed)) return "forbidden";
      first ??= { workspaceId, number: parsed.data, settings };
    }
    return first ?? "forbidden";
  }

  private async settingsOf(workspaceId: string, userId: string): Promise<EffectiveSettings | null> {
    try {
      return (await loadMemberSettings(membershipsOf(this.deps), workspaceId, userId)).values;
    } catch {
      return null; // no longer a member there
    }
  }

  /** Ring failures, hang-ups and dialog ends of the calls this let through. */
  handle(event: KamailioEvent): void {
    if (event.type === "call.ring.failed") {
      const call = this.calls.get(event.callId);
      if (!call) return;
      this.calls.delete(event.callId);
      const { code, reason } = FAILURE_REPLY[event.reason];
      this.send({ type: "call.reject", callId: event.callId, tindex: call.tindex, tlabel: call.tlabel, code, reason });
    } else if (event.type === "call.abandoned" || event.type === "dialog.end") {
      this.calls.delete(event.callId);
    }
  }
}
