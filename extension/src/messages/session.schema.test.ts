import { DEFAULT_SETTINGS, PROTOCOL_VERSION } from "@switchboard/shared"
import { describe, expect, it } from "vitest"
import { toDockPresence } from "~background/dock-socket"
import { DOCK_PROTOCOL_VERSION, DockSettingsSchema, SignInSchema } from "./session.schema"

describe("dock session schemas", () => {
  it("speaks the server's protocol version", () => {
    expect(DOCK_PROTOCOL_VERSION).toBe(PROTOCOL_VERSION)
  })

  it("reads the dock fields of the server's effective settings", () => {
    expect(DockSettingsSchema.parse(DEFAULT_SETTINGS)).toMatchObject({ maskPhoneNumber: DEFAULT_SETTINGS.maskPhoneNumber })
  })

  it("accepts an http(s) server URL only, without a trailing slash", () => {
    const parse = (serverUrl: string) => SignInSchema.safeParse({ serverUrl, email: "a@b.c", password: "x" })
    expect(parse("http://localhost:3000/").data?.serverUrl).toBe("http://localhost:3000")
    expect(parse("javascript:alert(1)").success).toBe(false)
    expect(parse("file:///etc/passwd").success).toBe(false)
  })
})

describe("toDockPresence", () => {
  const presence = { userId: "u1", status: "away", awayReason: "Lunch", onCall: false }
  it("names who changed the status only when it was someone else", () => {
    expect(toDockPresence({ ...presence, cause: { by: { userId: "u2", name: "Sam" } } }, "u1")?.changedBy).toBe("Sam")
    expect(toDockPresence({ ...presence, cause: { by: { userId: "u1", name: "Me" } } }, "u1")?.changedBy).toBeUndefined()
    expect(toDockPresence({ ...presence, status: "away", awayReason: "missed", cause: "missed" }, "u1")?.cause).toBe("missed")
  })
})
