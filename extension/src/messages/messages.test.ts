import { describe, expect, it, vi } from "vitest"
import { UiRequestSchema, ContentRequestSchema } from "./background.messages"
import { ContentEventSchema } from "./content.messages"
import { MessageErrorCode, MessageTarget } from "./envelope"
import { dispatchMessage, messageChannel } from "./listen"
import { OffscreenRequestSchema } from "./offscreen.messages"
import { classifySender, SenderKind, type ExtensionIdentity } from "./sender"

const self: ExtensionIdentity = {
  id: "abcdefghijklmnopabcdefghijklmnop",
  baseUrl: "chrome-extension://abcdefghijklmnopabcdefghijklmnop/",
  serviceWorkerUrl: "chrome-extension://abcdefghijklmnopabcdefghijklmnop/static/background/index.js",
  offscreenUrl: "chrome-extension://abcdefghijklmnopabcdefghijklmnop/tabs/offscreen.html",
}
const worker = { id: self.id, url: self.serviceWorkerUrl }
const popup = { id: self.id, url: `${self.baseUrl}popup.html` }
const offscreen = { id: self.id, url: self.offscreenUrl }
const contentScript = { id: self.id, url: "https://crm.example.com/contacts", tab: { id: 7 } }
const otherExtension = { id: "zyxwvutsrqponmlkzyxwvutsrqponmlk", url: "chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/x.html" }

describe("classifySender", () => {
  it("tells our own contexts apart by the URL Chrome reports", () => {
    expect(classifySender(worker, self)).toBe(SenderKind.serviceWorker)
    expect(classifySender(offscreen, self)).toBe(SenderKind.offscreen)
    expect(classifySender(popup, self)).toBe(SenderKind.extensionPage)
    expect(classifySender({ ...popup, tab: { id: 3 } }, self)).toBe(SenderKind.extensionPage)
    expect(classifySender(contentScript, self)).toBe(SenderKind.contentScript)
  })

  it("security: refuses other extensions, web pages and senders without an id", () => {
    expect(classifySender(otherExtension, self)).toBeNull()
    expect(classifySender({ url: "https://evil.example.com/", tab: { id: 1 } }, self)).toBeNull()
    expect(classifySender({ id: self.id }, self)).toBeNull()
    // Our id with a foreign URL and no tab is not something Chrome produces for us.
    expect(classifySender({ id: self.id, url: "https://evil.example.com/" }, self)).toBeNull()
  })
})

describe("dispatchMessage", () => {
  const handle = vi.fn(async (message: { type: string }) => ({ handled: message.type }))
  const channels = [
    messageChannel({ from: [SenderKind.extensionPage], schema: UiRequestSchema, handle }),
    messageChannel({ from: [SenderKind.contentScript], schema: ContentRequestSchema, handle }),
  ]
  const dispatch = (raw: unknown, sender: Parameters<typeof classifySender>[0]) =>
    dispatchMessage(raw, sender, MessageTarget.background, channels, self)

  it("ignores messages addressed to another context", async () => {
    expect(await dispatch({ target: "offscreen", type: "softphone:stop" }, worker)).toBeNull()
  })

  it("runs the handler for a valid message from an allowed sender", async () => {
    const reply = await dispatch({ target: "background", type: "dock:get-state" }, popup)
    expect(reply).toEqual({ ok: true, data: { handled: "dock:get-state" } })
  })

  it("security: rejects unknown fields instead of ignoring them", async () => {
    handle.mockClear()
    const reply = await dispatch({ target: "background", type: "dock:get-state", $where: "1" }, popup)
    expect(reply).toMatchObject({ ok: false, error: { code: MessageErrorCode.VALIDATION_FAILED } })
    expect(handle).not.toHaveBeenCalled()
  })

  it("security: a content script cannot send dock UI requests", async () => {
    handle.mockClear()
    const config = { wsUrl: "wss://evil.example.com", uri: "sip:agent@evil.example.com" }
    const reply = await dispatch({ target: "background", type: "softphone:configure", config }, contentScript)
    expect(reply).toMatchObject({ ok: false, error: { code: MessageErrorCode.VALIDATION_FAILED } })
    expect(handle).not.toHaveBeenCalled()
  })

  it("security: a content script may only send E.164 digits to dial", async () => {
    handle.mockClear()
    const bad = await dispatch({ target: "background", type: "click-to-call:dial", number: "sip:x@evil" }, contentScript)
    expect(bad).toMatchObject({ ok: false, error: { code: MessageErrorCode.VALIDATION_FAILED } })
    const good = await dispatch({ target: "background", type: "click-to-call:dial", number: "+33142685300" }, contentScript)
    expect(good).toEqual({ ok: true, data: { handled: "click-to-call:dial" } })
  })

  it("security: refuses senders no channel accepts", async () => {
    handle.mockClear()
    const reply = await dispatch({ target: "background", type: "dock:get-state" }, otherExtension)
    expect(reply).toMatchObject({ ok: false, error: { code: MessageErrorCode.FORBIDDEN_SENDER } })
    const fromWorker = await dispatch({ target: "background", type: "dock:get-state" }, worker)
    expect(fromWorker).toMatchObject({ ok: false, error: { code: MessageErrorCode.FORBIDDEN_SENDER } })
    expect(handle).not.toHaveBeenCalled()
  })

  it("turns a handler failure into an error reply rather than throwing", async () => {
    const failing = [
      messageChannel({
        from: [SenderKind.serviceWorker],
        schema: OffscreenRequestSchema,
        handle: () => {
          throw new Error("boom")
        },
      }),
    ]
    const reply = await dispatchMessage(
      { target: "offscreen", type: "softphone:stop" },
      worker,
      MessageTarget.offscreen,
      failing,
      self
    )
    expect(reply).toEqual({ ok: false, error: { code: MessageErrorCode.INTERNAL, message: "boom", details: undefined } })
  })
})

describe("content script listener", () => {
  const handle = vi.fn(() => null)
  const channels = [messageChannel({ from: [SenderKind.serviceWorker], schema: ContentEventSchema, handle })]
  const changed = { target: "content", type: "click-to-call:changed", enabled: false }
  const dispatch = (raw: unknown, sender: Parameters<typeof classifySender>[0]) =>
    dispatchMessage(raw, sender, MessageTarget.content, channels, self)

  it("takes the click to call switch from our service worker", async () => {
    expect(await dispatch(changed, worker)).toEqual({ ok: true, data: null })
    expect(handle).toHaveBeenCalledWith(changed, { kind: SenderKind.serviceWorker, tabId: undefined })
  })

  it("security: refuses the switch from pages, other content scripts, other extensions and our UI", async () => {
    handle.mockClear()
    for (const sender of [contentScript, otherExtension, popup, { url: "https://evil.example.com/", tab: { id: 1 } }]) {
      expect(await dispatch(changed, sender)).toMatchObject({ ok: false, error: { code: MessageErrorCode.FORBIDDEN_SENDER } })
    }
    expect(handle).not.toHaveBeenCalled()
  })

  it("security: refuses a switch that is not exactly a boolean", async () => {
    handle.mockClear()
    for (const bad of [{ ...changed, enabled: "false" }, { ...changed, numbers: ["+12127365000"] }]) {
      expect(await dispatch(bad, worker)).toMatchObject({ ok: false, error: { code: MessageErrorCode.VALIDATION_FAILED } })
    }
    expect(handle).not.toHaveBeenCalled()
  })
})

describe("softphone schemas", () => {
  it("accepts ws and wss servers and refuses anything else", () => {
    const start = (wsUrl: string) =>
      OffscreenRequestSchema.safeParse({
        target: "offscreen",
        type: "softphone:start",
        config: { wsUrl, uri: "sip:agent@127.0.0.1" },
      }).success
    expect(start("ws://127.0.0.1:5066")).toBe(true)
    expect(start("wss://sip.example.com/ws")).toBe(true)
    expect(start("https://sip.example.com")).toBe(false)
    expect(start("javascript:alert(1)")).toBe(false)
  })
})
