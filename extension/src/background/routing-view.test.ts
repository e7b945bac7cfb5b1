import type { ChatMessage, InteractionDetail, Offer } from "@switchboard/shared"
import { describe, expect, it } from "vitest"
import { EMPTY_ROUTING } from "~messages/routing.schema"
import { applyRoutingEvent, type RoutingEvent } from "./routing-view"

const I1 = "1".repeat(24)
const I2 = "2".repeat(24)
const Q = "a".repeat(24)
const offer = (offerId: string, interactionId = I1): Offer => ({
  offerId,
  interactionId,
  kind: "chat",
  queue: { id: Q, name: "Support" },
  display: { name: "Vera" },
  createdAt: "2026-01-01T10:00:00.000Z",
  expiresAt: "2026-01-01T10:00:20.000Z",
})
const chat = (id: string, state: InteractionDetail["state"], messages: ChatMessage[] = [], wrapUpUntil: string | null = null): InteractionDetail => ({
  id,
  workspaceId: Q,
  kind: "chat",
  queue: { id: Q, name: "Support" },
  state,
  agent: { id: Q, name: "Ana" },
  contact: { name: "Vera", email: null, phone: null, masked: false },
  enqueuedAt: "2026-01-01T10:00:00.000Z",
  answeredAt: null,
  endedAt: null,
  closedAt: null,
  wrapUpUntil,
  closedBy: null,
  offers: [],
  messages,
})
const msg = (id: string, from: ChatMessage["from"] = "visitor"): ChatMessage => ({ id, from, text: id, at: "2026-01-01T10:00:01.000Z" })
const run = (...events: RoutingEvent[]) => events.reduce(applyRoutingEvent, EMPTY_ROUTING)

describe("dock routing view", () => {
  it("an offer rings until it is cancelled, declined or taken", () => {
    expect(run({ type: "offer", offer: offer("o1") }).offers).toHaveLength(1)
    expect(run({ type: "offer", offer: offer("o1") }, { type: "offer-gone", offerId: "o1" }).offers).toEqual([])
    const taken = run({ type: "offer", offer: offer("o1") }, { type: "interaction", interaction: chat(I1, "connected") })
    expect(taken.offers).toEqual([])
    expect(taken.conversations.map((c) => c.id)).toEqual([I1])
  })

  it("several conversations at once, each keeping its place; the ack and the broadcast make one", () => {
    const view = run(
      { type: "interaction", interaction: chat(I1, "connected") },
      { type: "interaction", interaction: chat(I2, "connected") },
      { type: "interaction", interaction: chat(I1, "connected", [msg("m1")]) },
    )
    expect(view.conversations.map((c) => c.id)).toEqual([I1, I2])
    expect(view.conversations[0]!.messages.map((m) => m.id)).toEqual(["m1"])
  })

  it("messages are added in arrival order, once each, and only to their chat", () => {
    const view = run(
      { type: "interaction", interaction: chat(I1, "connected") },
      { type: "interaction", interaction: chat(I2, "connected") },
      { type: "message", interactionId: I1, message: msg("a") },
      { type: "message", interactionId: I1, message: msg("b", "agent") },
      { type: "message", interactionId: I1, message: msg("a") },
    )
    expect(view.conversations[0]!.messages.map((m) => m.id)).toEqual(["a", "b"])
    expect(view.conversations[1]!.messages).toEqual([])
  })

  it("the customer's typing shows until their message arrives", () => {
    const typing = run({ type: "interaction", interaction: chat(I1, "connected") }, { type: "typing", interactionId: I1, typing: true })
    expect(typing.typing).toEqual([I1])
    expect(applyRoutingEvent(typing, { type: "message", interactionId: I1, message: msg("x") }).typing).toEqual([])
    expect(run({ type: "typing", interactionId: I2, typing: true }).typing).toEqual([])
  })

  it("a chat ended by either side leaves the list and starts wrap-up until the latest end", () => {
    const view = run(
      { type: "interaction", interaction: chat(I1, "connected") },
      { type: "interaction", interaction: chat(I2, "connected") },
      { type: "interaction", interaction: chat(I1, "wrapup", [], "2026-01-01T10:05:30.000Z") },
      { type: "interaction", interaction: chat(I2, "wrapup", [], "2026-01-01T10:05:10.000Z") },
    )
    expect(view.conversations).toEqual([])
    expect(view.wrapUpUntil).toBe("2026-01-01T10:05:30.000Z")
    expect(applyRoutingEvent(view, { type: "wrap-up", wrapUpUntil: null }).wrapUpUntil).toBeNull()
  })

  it("signing out forgets everything", () => {
    expect(run({ type: "offer", offer: offer("o1") }, { type: "reset" })).toEqual(EMPTY_ROUTING)
  })
})
