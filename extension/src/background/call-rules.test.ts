import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { DEFAULT_SETTINGS, effectiveSettingsSchema } from "@switchboard/shared"
import type { SoftphoneCall, SoftphoneStatus } from "~messages/softphone.schema"
import { applyCallRules, noteAgentHangUp } from "./call-rules"

const base = effectiveSettingsSchema.parse(DEFAULT_SETTINGS)
const statusWith = (id: string, status: SoftphoneCall["status"]): SoftphoneStatus => ({
  registration: "registered",
  calls: [{ id, direction: "incoming", status, remoteUri: "sip:c@x", startedAt: 0 }],
})

describe("call rules", () => {
  const act = { answer: vi.fn(), missed: vi.fn() }
  beforeEach(() => {
    vi.useFakeTimers()
    act.answer.mockClear()
    act.missed.mockClear()
  })
  afterEach(() => vi.useRealTimers())

  it("answers a ringing call after autoAnswerSeconds, once", () => {
    const settings = { ...base, autoAnswerSeconds: 3 }
    applyCallRules(statusWith("a", "ringing"), settings, act)
    applyCallRules(statusWith("a", "ringing"), settings, act)
    vi.advanceTimersByTime(2_999)
    expect(act.answer).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(act.answer).toHaveBeenCalledTimes(1)
    expect(act.answer).toHaveBeenCalledWith("a")
  })

  it("does not auto-answer a call that stopped ringing first", () => {
    const settings = { ...base, autoAnswerSeconds: 3 }
    applyCallRules(statusWith("b", "ringing"), settings, act)
    applyCallRules(statusWith("b", "failed"), settings, act)
    vi.advanceTimersByTime(5_000)
    expect(act.answer).not.toHaveBeenCalled()
  })

  it("reports a miss only with autoPauseNoAnswer, and not when the agent declined", () => {
    applyCallRules(statusWith("c", "ringing"), base, act)
    applyCallRules(statusWith("c", "failed"), base, act)
    expect(act.missed).not.toHaveBeenCalled()

    const pausing = { ...base, autoPauseNoAnswer: true }
    applyCallRules(statusWith("d", "ringing"), pausing, act)
    applyCallRules(statusWith("d", "failed"), pausing, act)
    expect(act.missed).toHaveBeenCalledTimes(1)

    applyCallRules(statusWith("e", "ringing"), pausing, act)
    noteAgentHangUp("e")
    applyCallRules(statusWith("e", "failed"), pausing, act)
    applyCallRules(statusWith("f", "ringing"), pausing, act)
    applyCallRules(statusWith("f", "confirmed"), pausing, act)
    applyCallRules(statusWith("f", "ended"), pausing, act)
    expect(act.missed).toHaveBeenCalledTimes(1)
  })
})
