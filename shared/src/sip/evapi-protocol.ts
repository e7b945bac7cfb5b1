import { z } from "zod";

/**
 * The JSON the server and Kamailio exchange over evapi (DESIGN.md §14), one netstring per
 * message. Kamailio holds each queue call (its INVITE transaction suspended, named by
 * `tindex`/`tlabel`) and reports; the server decides whom to ring. server/sip/kamailio.cfg is
 * the other side of this file: a field renamed here must be renamed there.
 */
const callId = z.string().min(1).max(256);
const transaction = { tindex: z.number().int().nonnegative(), tlabel: z.number().int().nonnegative() };
/** Caller identity as SIP carries it (user part of From, display name). */
const sipUser = z.string().max(64).regex(/^[A-Za-z0-9+*#._-]*$/);
const displayName = z.string().max(128);

export const RingFailure = { noanswer: "noanswer", busy: "busy", declined: "declined", unavailable: "unavailable" } as const;
export type RingFailure = (typeof RingFailure)[keyof typeof RingFailure];

// ── Kamailio → server ──────────────────────────────────────────────────────────

/**
 * An INVITE to a phone queue's number was answered 182 Queued and is held. `queueNumber` is the
 * dialed user part: a queue's number, or, for a member's outbound call, other digits or a call
 * reference (`ref-<token>`), which the server answers by its outbound policy.
 */
export const callQueuedSchema = z.strictObject({
  type: z.literal("call.queued"),
  callId,
  ...transaction,
  /** What the caller dialed: a phone queue's number (2–20 digits, as queue.schema allows), digits to call out, or a server-issued reference. */
  queueNumber: z.string().regex(/^(\+?[0-9]{2,20}|ref-[A-Za-z0-9_-]{16,512})$/),
  from: sipUser,
  fromName: displayName,
});

/** The contact rung for the server did not answer; the call is held again. */
export const callRingFailedSchema = z.strictObject({
  type: z.literal("call.ring.failed"),
  callId,
  ...transaction,
  reason: z.enum([RingFailure.noanswer, RingFailure.busy, RingFailure.declined, RingFailure.unavailable]),
});

/** The caller left before anyone answered (CANCEL), or the wait ran out. */
export const callAbandonedSchema = z.strictObject({ type: z.literal("call.abandoned"), callId });
/** Module dialog: the call was answered (2xx) and confirmed. */
export const dialogStartSchema = z.strictObject({ type: z.literal("dialog.start"), callId });
/** Module dialog: either side hung up (or the dialog timed out). */
export const dialogEndSchema = z.strictObject({ type: z.literal("dialog.end"), callId });

/**
 * Sent on every new evapi connection: Kamailio's start time, so a server that reconnects knows
 * whether the calls it held are still held (same start) or gone with a restart.
 */
export const kamailioHelloSchema = z.strictObject({ type: z.literal("kamailio.hello"), startedAt: z.number().int().nonnegative() });

export const kamailioEventSchema = z.discriminatedUnion("type", [
  kamailioHelloSchema,
  callQueuedSchema,
  callRingFailedSchema,
  callAbandonedSchema,
  dialogStartSchema,
  dialogEndSchema,
]);
export type KamailioEvent = z.infer<typeof kamailioEventSchema>;
export type CallQueued = z.infer<typeof callQueuedSchema>;

// ── server → Kamailio ──────────────────────────────────────────────────────────

/**
 * Ring this contact for `ringSeconds` (the queue's offer timeout), presenting `fromUser` /
 * `fromName` in From and P-Asserted-Identity: the caller's number only for an agent who may see
 * it, the queue's number otherwise. `offerId` goes along in X-Switchboard-Offer so the dock
 * knows which offer the ringing call is.
 */
export const callRingSchema = z.strictObject({
  type: z.literal("call.ring"),
  callId,
  ...transaction,
  target: z.string().regex(/^sip:[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+(:[0-9]+)?$/),
  ringSeconds: z.number().int().min(1).max(600),
  fromUser: sipUser.min(1),
  fromName: displayName,
  offerId: z.string().regex(/^[A-Za-z0-9-]+$/),
});

/** Answer the held call with a final failure: no such queue (404), the caller left (487). */
export const callRejectSchema = z.strictObject({
  type: z.literal("call.reject"),
  callId,
  ...transaction,
  code: z.number().int().min(400).max(699),
  reason: z.string().regex(/^[A-Za-z ]{1,40}$/),
});

export const serverCommandSchema = z.discriminatedUnion("type", [callRingSchema, callRejectSchema]);
export type ServerCommand = z.infer<typeof serverCommandSchema>;
export type CallRing = z.infer<typeof callRingSchema>;
