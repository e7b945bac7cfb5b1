import type { EffectiveSettings } from "@switchboard/shared"
import { CallStatus, type SoftphoneCall, type SoftphoneStatus } from "~messages/softphone.schema"

const MASK = "•"

/** Every digit but the last two becomes a dot: "+15551234567" → "+•••••••••67". */
export function maskDigits(text: string): string {
  const total = (text.match(/[0-9]/g) ?? []).length
  let seen = 0
  return text.replace(/[0-9]/g, (digit) => (++seen <= total - 2 ? MASK : digit))
}

function maskCall(call: SoftphoneCall): SoftphoneCall {
  // The SIP user part is the number; the domain says nothing about the caller and is dropped.
  const user = call.remoteUri.replace(/^sips?:/, "").replace(/@.*$/, "")
  const { remoteName, ...rest } = call
  return {
    ...rest,
    remoteUri: maskDigits(user),
    ...(remoteName !== undefined ? { remoteName: maskDigits(remoteName) } : {}),
  }
}

export const isHistory = (call: SoftphoneCall) => call.status === CallStatus.ended || call.status === CallStatus.failed

/**
 * What the dock UI may see of the softphone under the member's settings: masked
 * numbers with maskPhoneNumber, no past calls with hideCallHistory. Applied in the
 * background, so the real number and the history never reach a dock page.
 */
export function softphoneView(
  raw: SoftphoneStatus,
  settings: Pick<EffectiveSettings, "maskPhoneNumber" | "hideCallHistory"> | null
): SoftphoneStatus {
  let calls = raw.calls
  if (settings?.hideCallHistory) calls = calls.filter((call) => !isHistory(call))
  if (settings?.maskPhoneNumber) calls = calls.map(maskCall)
  return { ...raw, calls }
}
