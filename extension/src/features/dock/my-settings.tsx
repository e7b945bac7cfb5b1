import type { EffectiveSettings } from "@switchboard/shared"

const onOff = (value: boolean) => (value ? "On" : "Off")
const CHANNEL = { phone: "Calls only", chat: "Chats only", all: "Calls and chats" } as const
const ENDPOINT = { browser: "This browser", sip: "Your SIP phone", external: "Forwarded to your number" } as const

/**
 * What the agent's dock does for them, as resolved on the server (workspace → team → their own
 * overrides): they see why a call was answered by itself or a number is masked, without asking an
 * admin. Read-only here; admins change these in the console.
 */
export function MySettings({ settings }: { settings: EffectiveSettings }) {
  const rows: [string, string][] = [
    ["Auto answer", settings.autoAnswerSeconds === null ? "Off" : `After ${settings.autoAnswerSeconds} s of ringing`],
    ["Phone numbers", settings.maskPhoneNumber ? "Masked" : "Shown"],
    ["Chats at once", String(settings.chatsPerUser)],
    ["Takes", CHANNEL[settings.channel]],
    ["Calls ring", ENDPOINT[settings.phoneEndpoints]],
    ["Away after a missed offer", onOff(settings.autoPauseNoAnswer)],
    ["Click-to-call on web pages", onOff(settings.clickToCall)],
    ["Manual dialing", settings.blockManualDialing ? "Blocked" : "Allowed"],
    ["Call and chat at once", onOff(settings.simultaneousChannelHandling)],
    ["Call history", settings.hideCallHistory ? "Hidden" : "Shown"],
    ["Hide the dock when idle", onOff(settings.autoHideDock)],
  ]
  return (
    <details className="panel" data-testid="my-settings">
      <summary>Your settings</summary>
      <dl className="settings-list">
        {rows.map(([label, value]) => (
          <div key={label} className="settings-list__row" data-testid={`my-setting-${label}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Set by your administrators; ask them to change one.</p>
    </details>
  )
}
