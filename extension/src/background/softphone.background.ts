import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import {
  RegistrationState,
  SoftphoneConfigSchema,
  type SoftphoneConfig,
  type SoftphoneStatus,
} from "~messages/softphone.schema"
import { setSoftphoneConfigured, updateSoftphoneStatus } from "./dock-state"
import { closeOffscreenDocument, ensureOffscreenDocument } from "./offscreen-document"

const CONFIG_KEY = "softphone.config"

async function loadConfig(): Promise<SoftphoneConfig | undefined> {
  const stored = await chrome.storage.local.get(CONFIG_KEY)
  const parsed = SoftphoneConfigSchema.safeParse(stored[CONFIG_KEY])
  return parsed.success ? parsed.data : undefined
}

async function startInOffscreen(config: SoftphoneConfig): Promise<SoftphoneStatus> {
  await ensureOffscreenDocument()
  const status = await sendMessage<SoftphoneStatus>({
    target: MessageTarget.offscreen,
    type: "softphone:start",
    config,
  })
  await updateSoftphoneStatus(status)
  return status
}

/** Saves the SIP account and (re)registers the offscreen UA with it. */
export async function configureSoftphone(config: SoftphoneConfig): Promise<SoftphoneStatus> {
  await chrome.storage.local.set({ [CONFIG_KEY]: config })
  await setSoftphoneConfigured(true)
  return startInOffscreen(config)
}

export async function disableSoftphone(): Promise<void> {
  await chrome.storage.local.remove(CONFIG_KEY)
  await closeOffscreenDocument()
  await setSoftphoneConfigured(false)
  await updateSoftphoneStatus({ registration: RegistrationState.stopped, calls: [] })
}

/**
 * On every service-worker start: the offscreen document may have outlived the
 * previous worker (keep its UA and calls), or be gone (start it again).
 */
export async function restoreSoftphone(): Promise<void> {
  const config = await loadConfig()
  if (!config) return
  await ensureOffscreenDocument()
  const status = await sendMessage<SoftphoneStatus>({
    target: MessageTarget.offscreen,
    type: "softphone:get-status",
  })
  if (status.registration === RegistrationState.stopped) await startInOffscreen(config)
  else await updateSoftphoneStatus(status)
}

export async function dial(to: string): Promise<{ callId: string }> {
  await ensureOffscreenDocument()
  return sendMessage({ target: MessageTarget.offscreen, type: "softphone:dial", to })
}

export async function answer(callId: string): Promise<void> {
  await sendMessage({ target: MessageTarget.offscreen, type: "softphone:answer", callId })
}

export async function hangUp(callId: string): Promise<void> {
  await sendMessage({ target: MessageTarget.offscreen, type: "softphone:hang-up", callId })
}
