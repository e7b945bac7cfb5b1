import { DEFAULT_SETTINGS, effectiveSettingsSchema } from "@switchboard/shared"
import { describe, expect, it, vi } from "vitest"
import { MessageErrorCode } from "~messages/envelope"
import { SIGNED_OUT, type DockSession } from "~messages/session.schema"
import { SenderKind } from "~messages/sender"
import { clickToCallChange, createContentRequestHandler, DIAL_INTERVAL_MS } from "./click-to-call.background"

const on = effectiveSettingsSchema.parse({ ...DEFAULT_SETTINGS, clickToCall: true })
const dialMessage = { target: "background", type: "click-to-call:dial", number: "+12127365000" } as const
const enabledMessage = { target: "background", type: "click-to-call:enabled" } as const

/** Our content script in the top frame of the tab in front of the agent, as Chrome reports it. */
const frontTab = { kind: SenderKind.contentScript, tabId: 7, tabActive: true, frameId: 0 }

describe("content script requests", () => {
  it("dials with click to call on", async () => {
    const handleContentRequest = createContentRequestHandler()
    const dial = vi.fn(async () => ({ callId: "c1" }))
    await expect(handleContentRequest(dialMessage, frontTab, on, dial)).resolves.toEqual({ callId: "c1" })
    expect(dial).toHaveBeenCalledWith("+12127365000")
    await expect(handleContentRequest(enabledMessage, frontTab, on, dial)).resolves.toBe(true)
  })

  it("security: refuses to dial when off, signed out, or on channel chat", async () => {
    const handleContentRequest = createContentRequestHandler()
    const dial = vi.fn(async () => ({ callId: "c1" }))
    for (const settings of [{ ...on, clickToCall: false }, null, { ...on, channel: "chat" as const }]) {
      await expect(handleContentRequest(enabledMessage, frontTab, settings, dial)).resolves.toBe(false)
      await expect(handleContentRequest(dialMessage, frontTab, settings, dial)).rejects.toMatchObject({ code: MessageErrorCode.BLOCKED })
    }
    expect(dial).not.toHaveBeenCalled()
  })

  it("security: refuses a dial no real click can have sent: a background tab, a subframe, no tab, not a content script", async () => {
    const handleContentRequest = createContentRequestHandler()
    const dial = vi.fn(async () => ({ callId: "c1" }))
    const senders = [
      { ...frontTab, tabActive: false },
      { ...frontTab, tabActive: undefined },
      { ...frontTab, frameId: 3 },
      { ...frontTab, frameId: undefined },
      { ...frontTab, tabId: undefined },
      { ...frontTab, kind: SenderKind.extensionPage },
    ]
    for (const sender of senders) {
      await expect(handleContentRequest(dialMessage, sender, on, dial)).rejects.toMatchObject({ code: MessageErrorCode.FORBIDDEN_SENDER })
    }
    expect(dial).not.toHaveBeenCalled()
    // Asking whether links are on is no call: any tab may.
    await expect(handleContentRequest(enabledMessage, { ...frontTab, tabActive: false }, on, dial)).resolves.toBe(true)
  })

  it("security: dials at most once per tab within the interval a person needs between calls", async () => {
    let now = 1_000_000
    const handleContentRequest = createContentRequestHandler(() => now)
    const dial = vi.fn(async () => ({ callId: "c1" }))
    await handleContentRequest(dialMessage, frontTab, on, dial)
    now += DIAL_INTERVAL_MS - 1
    await expect(handleContentRequest(dialMessage, frontTab, on, dial)).rejects.toMatchObject({ code: "RATE_LIMITED" })
    // Another tab is another click.
    await expect(handleContentRequest(dialMessage, { ...frontTab, tabId: 8 }, on, dial)).resolves.toEqual({ callId: "c1" })
    now += 1
    await expect(handleContentRequest(dialMessage, frontTab, on, dial)).resolves.toEqual({ callId: "c1" })
    expect(dial).toHaveBeenCalledTimes(3)
  })
})

describe("clickToCallChange", () => {
  const signedIn = (settings: typeof on | null): DockSession => ({
    signedIn: true,
    serverUrl: "http://localhost:3000",
    userName: "Ana",
    workspaceName: "Acme",
    awayReasons: [],
    connection: "connected",
    presence: null,
    settings,
  })
  const off = { ...on, clickToCall: false }

  it("tells pages when an admin turns click to call off or on", () => {
    expect(clickToCallChange(signedIn(on), signedIn(off))).toBe(false)
    expect(clickToCallChange(signedIn(off), signedIn(on))).toBe(true)
    expect(clickToCallChange(signedIn(on), signedIn({ ...on, channel: "chat" }))).toBe(false)
  })

  it("counts signing out as off", () => {
    expect(clickToCallChange(signedIn(on), SIGNED_OUT)).toBe(false)
    expect(clickToCallChange(signedIn(on), { signedIn: false, notice: "Your access was revoked." })).toBe(false)
  })

  it("stays quiet when the effective value does not move", () => {
    expect(clickToCallChange(signedIn(on), signedIn({ ...on, autoHideDock: true }))).toBeNull()
    expect(clickToCallChange(signedIn(off), SIGNED_OUT)).toBeNull()
    expect(clickToCallChange(SIGNED_OUT, SIGNED_OUT)).toBeNull()
  })

  it("keeps links through a worker restart, and tells the settings read afterwards", () => {
    // A restart reopens the session with settings not read yet.
    expect(clickToCallChange(signedIn(on), signedIn(null))).toBeNull()
    expect(clickToCallChange(SIGNED_OUT, signedIn(null))).toBeNull()
    expect(clickToCallChange(signedIn(null), signedIn(on))).toBe(true)
    expect(clickToCallChange(signedIn(null), signedIn(off))).toBe(false)
    expect(clickToCallChange(signedIn(null), SIGNED_OUT)).toBe(false)
  })
})
