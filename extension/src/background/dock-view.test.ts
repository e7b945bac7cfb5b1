import { describe, expect, it } from "vitest"
import type { SoftphoneStatus } from "~messages/softphone.schema"
import { maskDigits, softphoneView } from "./dock-view"

const status: SoftphoneStatus = {
  registration: "registered",
  calls: [
    { id: "1", direction: "incoming", status: "ringing", remoteUri: "sip:15551234567@10.0.0.1", remoteName: "+15551234567", startedAt: 1 },
    { id: "2", direction: "outgoing", status: "ended", remoteUri: "sip:+442071838750@sip.example.com", startedAt: 0 },
  ],
}
const settings = (maskPhoneNumber: boolean, hideCallHistory: boolean) => ({ maskPhoneNumber, hideCallHistory })

describe("softphoneView", () => {
  it("masks every digit but the last two and drops the SIP domain", () => {
    expect(maskDigits("+15551234567")).toBe("+•••••••••67")
    const view = softphoneView(status, settings(true, false))
    expect(view.calls.map((call) => [call.remoteUri, call.remoteName])).toEqual([
      ["•••••••••67", "+•••••••••67"],
      ["+••••••••••50", undefined],
    ])
    expect(JSON.stringify(view)).not.toMatch(/5551234|2071838/)
  })

  it("drops past calls with hideCallHistory and leaves everything as is without settings", () => {
    expect(softphoneView(status, settings(false, true)).calls.map((call) => call.id)).toEqual(["1"])
    expect(softphoneView(status, null)).toEqual(status)
  })
})
