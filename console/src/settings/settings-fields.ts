import { DOCK_FIELDS, PHONE_FIELDS, type SettingsField, type SettingsOrigin } from "@switchboard/shared";
import { countOf } from "../lib/format";

/** How a field is edited; each kind has one input in setting-input.tsx. */
export type SettingKind =
  | "toggle"
  | "text"
  | "phoneNumber"
  | "choice"
  | "autoAnswer"
  | "callerId"
  | "localPresence"
  | "voicemailDrop";

export interface ChoiceOption {
  value: string | number;
  label: string;
}

export interface SettingMeta {
  label: string;
  /** Seed 000's wording, shortened. */
  hint: string;
  kind: SettingKind;
  options?: readonly ChoiceOption[];
  placeholder?: string;
}

export const SETTING_META: Record<SettingsField, SettingMeta> = {
  phoneId: { label: "Phone ID", hint: "The phone number of the user.", kind: "text", placeholder: "e.g. desk-204" },
  callerId: { label: "Caller ID", hint: "Name and number shown to the people you call.", kind: "callerId" },
  localPresenceCallerIds: { label: "Local presence caller IDs", hint: "One caller number per country code.", kind: "localPresence" },
  callRecording: { label: "Call recording", hint: "Record every answered call.", kind: "toggle" },
  voicemailDrop: { label: "Voicemail drop", hint: "Drop a pre-recorded message on the called party's voicemail.", kind: "voicemailDrop" },
  forwardTo: {
    label: "Call forwarding",
    hint: "Forward incoming calls to a complete number with country code; spaces and dashes are fine.",
    kind: "phoneNumber",
    placeholder: "+14155550123",
  },
  allowSipClients: { label: "Allow SIP clients", hint: "Ring external SIP endpoints too.", kind: "toggle" },
  sipWebSocketUrl: { label: "SIP WebSocket URL", hint: "Registrar the browser endpoint connects to.", kind: "text", placeholder: "wss://sip.example.com" },
  channel: {
    label: "Channel",
    hint: "Phone gets no chats; Chat gets no calls and cannot dial.",
    kind: "choice",
    options: [
      { value: "all", label: "All" },
      { value: "phone", label: "Phone" },
      { value: "chat", label: "Chat" },
    ],
  },
  autoHideDock: { label: "Auto hide dock", hint: "Hide the dock after 10 s without interaction.", kind: "toggle" },
  autoPauseNoAnswer: { label: "Auto pause on no answer", hint: "Go away (missed) after an unanswered call or chat.", kind: "toggle" },
  autoAnswerSeconds: { label: "Auto answer", hint: "Answer incoming calls after ringing 0–60 s.", kind: "autoAnswer" },
  maskPhoneNumber: { label: "Mask phone number", hint: "Show the caller ID instead of the caller's number.", kind: "toggle" },
  hideCallHistory: { label: "Hide call history", hint: "Hide caller information and call history.", kind: "toggle" },
  clickToCall: { label: "Click to call", hint: "Call numbers found on web pages.", kind: "toggle" },
  blockManualDialing: { label: "Block manual dialing", hint: "No dial pad; only click-to-call and contacts.", kind: "toggle" },
  simultaneousChannelHandling: { label: "Simultaneous channel handling", hint: "Handle calls and chats at the same time.", kind: "toggle" },
  chatsPerUser: {
    label: "Chats per user",
    hint: "Chats handled at once (max 5).",
    kind: "choice",
    options: [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) })),
  },
  phoneEndpoints: {
    label: "Phone endpoints",
    hint: "Where calls ring: the dock, a SIP phone, or the forwarding number.",
    kind: "choice",
    options: [
      { value: "browser", label: "Browser (dock)" },
      { value: "sip", label: "SIP phone" },
      { value: "external", label: "External number" },
    ],
  },
};

export interface SettingsSection {
  id: "phone" | "channel" | "dock";
  title: string;
  fields: readonly SettingsField[];
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: "phone", title: "Phone", fields: PHONE_FIELDS },
  { id: "channel", title: "Channel", fields: ["channel"] },
  { id: "dock", title: "Dock", fields: DOCK_FIELDS },
];

/** "from workspace", "from team Tier 1", "default": what the console prints beside an inherited value. */
export function describeOrigin(origin: SettingsOrigin): string {
  if (origin === "default") return "default";
  if (origin === "workspace") return "from workspace";
  if (origin === "user") return "set for this member";
  return `from team ${origin.slice("team:".length)}`;
}

const onOff = (on: boolean) => (on ? "On" : "Off");

/** A one-line summary of a value, shown for inherited and overridden values alike. */
export function formatSettingValue(field: SettingsField, value: unknown): string {
  const meta = SETTING_META[field];
  if (value === null || value === undefined) return meta.kind === "autoAnswer" ? "Off" : "Not set";
  switch (meta.kind) {
    case "toggle":
      return onOff(value === true);
    case "choice":
      return meta.options?.find((o) => o.value === value)?.label ?? String(value);
    case "autoAnswer":
      return `After ${String(value)} s`;
    case "callerId": {
      const id = value as { name: string; number: string };
      return id.name ? `${id.name} · ${id.number}` : id.number;
    }
    case "localPresence": {
      const rows = value as unknown[];
      return rows.length === 0 ? "None" : countOf(rows.length, "number");
    }
    case "voicemailDrop": {
      const drop = value as { enabled: boolean; recordingId: string | null };
      return drop.enabled ? `On (${drop.recordingId ?? "no recording"})` : "Off";
    }
    default:
      return String(value);
  }
}
