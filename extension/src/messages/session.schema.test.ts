import { presenceSchema, type Presence } from "@switchboard/shared"
import { describe, expect, it } from "vitest"
import { connectRefusal, toDockPresence } from "~background/dock-socket"
import { SignInSchema } from "./session.schema"

describe("dock session schemas", () => {
  it("accepts an http(s) server URL only, without a trailing slash", () => {
    const parse = (serverUrl: string) => SignInSchema.safeParse({ serverUrl, email: "agent@example.com", password: "x" })
    expect(parse("http://localhost:3000/").data?.serverUrl).toBe("http://localhost:3000")
    expect(parse("javascript:alert(1)").success).toBe(false)
    expect(parse("file:///etc/passwd").success).toBe(false)
  })
})

describe("toDockPresence", () => {
  const u1 = "a".repeat(24)
  const u2 = "b".repeat(24)
  // A payload as the server sends it: shared's schema must accept it first.
  const presence: Presence = presenceSchema.parse({
    userId: u1,
    name: "Me",
    teams: [],
    roles: ["agent"],
    status: "away",
    awayReason: "Lunch",
    onCall: false,
    activeChats: 0,
    since: "2026-01-01T00:00:00.000Z",
    lastSeenAt: null,
    devices: [],
  })
  it("names who changed the status only when it was someone else", () => {
    expect(toDockPresence({ ...presence, cause: { by: { userId: u2, name: "Sam" } } }, u1).changedBy).toBe("Sam")
    expect(toDockPresence({ ...presence, cause: { by: { userId: u1, name: "Me" } } }, u1).changedBy).toBeUndefined()
    expect(toDockPresence({ ...presence, status: "away", awayReason: "missed", cause: "missed" }, u1).cause).toBe("missed")
  })
})

describe("connectRefusal", () => {
  const refused = (code: string) => Object.assign(new Error(code), { data: { code, message: "refused" } })
  it("keeps the server's reason: a gone session ends, an outdated dock stops retrying, the rest is retried", () => {
    expect(connectRefusal(refused("UNAUTHENTICATED"))).toEqual({ action: "ended", code: "UNAUTHENTICATED" })
    expect(connectRefusal(refused("FORBIDDEN"))).toEqual({ action: "ended", code: "FORBIDDEN" })
    expect(connectRefusal(refused("PROTOCOL_OUTDATED"))).toEqual({ action: "outdated", code: "PROTOCOL_OUTDATED" })
    expect(connectRefusal(new Error("websocket error")).action).toBe("retry")
  })
})
