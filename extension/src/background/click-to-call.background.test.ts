import { DEFAULT_SETTINGS } from "@switchboard/shared"
import { describe, expect, it, vi } from "vitest"
import { MessageErrorCode } from "~messages/envelope"
import { DockSettingsSchema } from "~messages/session.schema"
import { handleContentRequest } from "./click-to-call.background"

const on = DockSettingsSchema.parse({ ...DEFAULT_SETTINGS, clickToCall: true })
const dialMessage = { target: "background", type: "click-to-call:dial", number: "+12127365000" } as const
const enabledMessage = { target: "background", type: "click-to-call:enabled" } as const

describe("content script requests", () => {
  it("dials with click to call on", async () => {
    const dial = vi.fn(async () => ({ callId: "c1" }))
    await expect(handleContentRequest(dialMessage, on, dial)).resolves.toEqual({ callId: "c1" })
    expect(dial).toHaveBeenCalledWith("+12127365000")
    await expect(handleContentRequest(enabledMessage, on, dial)).resolves.toBe(true)
  })

  it("security: refuses to dial when off, signed out, or on channel chat", async () => {
    const dial = vi.fn(async () => ({ callId: "c1" }))
    for (const settings of [{ ...on, clickToCall: false }, null, { ...on, channel: "chat" as const }]) {
      await expect(handleContentRequest(enabledMessage, settings, dial)).resolves.toBe(false)
      await expect(handleContentRequest(dialMessage, settings, dial)).rejects.toMatchObject({ code: MessageErrorCode.BLOCKED })
    }
    expect(dial).not.toHaveBeenCalled()
  })
})
