import type { EffectiveSettings } from "@switchboard/shared"
import { CallStatus, type SoftphoneStatus } from "~messages/softphone.schema"

export interface CallRuleActions {
  answer(callId: string): void
  /** An incoming call rang out unanswered (auto-pause). */
  missed(): void
}

const previousStatus = new Map<string, CallStatus>()
const answerTimers = new Map<string, ReturnType<typeof setTimeout>>()
const declinedByAgent = new Set<string>()

/** The agent hung up a ringing call themselves: that is a decline, not a miss. */
export function noteAgentHangUp(callId: string): void {
  declinedByAgent.add(callId)
}

/**
 * Auto answer (after `autoAnswerSeconds` of ringing) and auto pause (an incoming call
 * that stopped ringing without being answered or declined), from each softphone status.
 */
export function applyCallRules(status: SoftphoneStatus, settings: EffectiveSettings | null, act: CallRuleActions): void {
  for (const call of status.calls) {
    if (call.direction !== "incoming") continue
    const before = previousStatus.get(call.id)
    previousStatus.set(call.id, call.status)
    if (call.status === CallStatus.ringing) {
      const seconds = settings?.autoAnswerSeconds ?? null
      if (before === undefined && seconds !== null) {
        answerTimers.set(
          call.id,
          setTimeout(() => {
            answerTimers.delete(call.id)
            act.answer(call.id)
          }, seconds * 1_000)
        )
      }
      continue
    }
    clearTimeout(answerTimers.get(call.id))
    answerTimers.delete(call.id)
    const rangOut = call.status === CallStatus.ended || call.status === CallStatus.failed
    if (before === CallStatus.ringing && rangOut && !declinedByAgent.has(call.id) && settings?.autoPauseNoAnswer) {
      act.missed()
    }
  }
  const live = new Set(status.calls.map((call) => call.id))
  for (const id of previousStatus.keys()) if (!live.has(id)) previousStatus.delete(id)
}
