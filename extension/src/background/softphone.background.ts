import { MessageTarget } from "~messages/envelope"
import { sendMessage } from "~messages/send"
import type { EffectiveSettings, SipAccount } from "@switchboard/shared"
import {
  RegistrationState,
  SoftphoneConfigSchema,
  type SoftphoneConfig,
  type SoftphoneStatus,
} from "~messages/softphone.schema"
import { setSoftphoneConfigured, updateSoftphoneStatus } from "./dock-state"
import { closeOffscreenDocument, ensureOffscreenDocument, hasOffscreenDocument } from "./offscreen-document"

const CONFIG_KEY = "softphone.config"
/** Set when the SIP account came from the member's settings (not typed into the dock). */
const FROM_SETTINGS_KEY = "softphone.fromSettings"

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
  await chrome.storage.local.remove([CONFIG_KEY, FROM_SETTINGS_KEY])
  // Stop the UA before closing its document: JsSIP sends the un-REGISTER, so Kamailio drops
  // the binding now rather than when it expires.
  if (await hasOffscreenDocument()) {
    await sendMessage({ target: MessageTarget.offscreen, type: "softphone:stop" }).catch(() => null)
  }
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


/**
 * The SIP account the dock registers with. Normally the server's (`GET /api/me/sip`: Kamailio's
 * address, the member's SIP address and short-lived credentials); a server without a SIP front
 * leaves the settings' `sipWebSocketUrl` plus `phoneId` as the SIP user (at the WebSocket
 * server's host unless it is a full sip: address). Only the `browser` endpoint rings the dock,
 * and channel `chat` takes no calls.
 */
export function softphoneConfigFrom(settings: EffectiveSettings | null, account?: SipAccount | null): SoftphoneConfig | null {
  if (!settings || settings.phoneEndpoints !== "browser" || settings.channel === "chat") return null
  if (account) {
    const parsed = SoftphoneConfigSchema.safeParse({
      wsUrl: account.wsUrl,
      uri: account.uri,
      authorizationUser: account.username,
      password: account.password,
      expiresAt: account.expiresAt,
    })
    return parsed.success ? parsed.data : null
  }
  if (!settings.sipWebSocketUrl || !settings.phoneId) return null
  const host = new URL(settings.sipWebSocketUrl.replace(/^ws/, "http")).hostname
  const uri = settings.phoneId.startsWith("sip:") ? settings.phoneId : `sip:${settings.phoneId}@${host}`
  const parsed = SoftphoneConfigSchema.safeParse({ wsUrl: settings.sipWebSocketUrl, uri })
  return parsed.success ? parsed.data : null
}

/** Follows the settings: (re)registers when they name a SIP account, stops when they stop naming one. */
export async function applySoftphoneSettings(settings: EffectiveSettings | null, account?: SipAccount | null): Promise<void> {
  const wanted = softphoneConfigFrom(settings, account)
  const fromSettings = (await chrome.storage.local.get(FROM_SETTINGS_KEY))[FROM_SETTINGS_KEY] === true
  // Calls ring a SIP phone or a forwarding number, or the member takes chats only:
  // no softphone in the dock, not even one typed into the SIP account form.
  const dockRings = settings === null || (settings.phoneEndpoints === "browser" && settings.channel !== "chat")
  if (!wanted) {
    if (fromSettings || (!dockRings && (await loadConfig()))) await disableSoftphone()
    return
  }
  const current = await loadConfig()
  if (fromSettings && current?.wsUrl === wanted.wsUrl && current.uri === wanted.uri) {
    if (wanted.password !== current.password || wanted.authorizationUser !== current.authorizationUser) {
      await refreshCredentials(wanted)
    }
    return
  }
  await chrome.storage.local.set({ [FROM_SETTINGS_KEY]: true })
  await configureSoftphone(wanted)
}

async function refreshCredentials(config: SoftphoneConfig): Promise<void> {
  await chrome.storage.local.set({ [CONFIG_KEY]: config })
  await ensureOffscreenDocument()
  const status = await sendMessage<SoftphoneStatus>({ target: MessageTarget.offscreen, type: "softphone:credentials", config })
  await updateSoftphoneStatus(status)
}

/** Server-issued credentials are fetched again once less than this is left of them. */
const CREDENTIAL_REFRESH_MARGIN_MS = 4 * 60_000

/** True when the running softphone's server-issued credentials are due for renewal. */
export async function softphoneCredentialsDue(now = Date.now()): Promise<boolean> {
  if ((await chrome.storage.local.get(FROM_SETTINGS_KEY))[FROM_SETTINGS_KEY] !== true) return false
  const expiresAt = (await loadConfig())?.expiresAt
  return expiresAt !== undefined && Date.parse(expiresAt) - now < CREDENTIAL_REFRESH_MARGIN_MS
}

/** Sign-out: a softphone the settings configured belongs to the session. */
export async function stopSoftphoneFromSettings(): Promise<void> {
  if ((await chrome.storage.local.get(FROM_SETTINGS_KEY))[FROM_SETTINGS_KEY] === true) await disableSoftphone()
}
