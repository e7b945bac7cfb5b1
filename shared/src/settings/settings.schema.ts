import { z } from "zod";
import { phoneNumberSchema } from "../phone/phone-number.schema.js";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export const Channel = Object.freeze({ phone: "phone", chat: "chat", all: "all" } as const);
export type Channel = (typeof Channel)[keyof typeof Channel];
export const PhoneEndpoint = Object.freeze({ browser: "browser", sip: "sip", external: "external" } as const);
export type PhoneEndpoint = (typeof PhoneEndpoint)[keyof typeof PhoneEndpoint];

export const callerIdSchema = z.strictObject({ name: z.string().trim().max(60), number: phoneNumberSchema });
export const localPresenceCallerIdsSchema = z
  .array(z.strictObject({ countryCode: z.string().regex(/^[0-9]{1,3}$/, "Country calling code, digits"), number: phoneNumberSchema }))
  .max(250)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (parsePhoneNumberFromString(row.number)?.countryCallingCode !== row.countryCode) {
        ctx.addIssue({ code: "custom", path: [index, "number"], message: `Not a +${row.countryCode} number` });
      }
      if (seen.has(row.countryCode)) {
        ctx.addIssue({ code: "custom", path: [index, "countryCode"], message: "One caller ID per country code" });
      }
      seen.add(row.countryCode);
    });
  });

/** Every overridable field, flat, so locks and origins can name them. */
export const settingsShape = {
  // Phone
  phoneId: z.string().trim().max(64).nullable(),
  callerId: callerIdSchema.nullable(),
  localPresenceCallerIds: localPresenceCallerIdsSchema,
  callRecording: z.boolean(),
  voicemailDrop: z
    .strictObject({ enabled: z.boolean(), recordingId: z.string().trim().min(1).max(64).nullable() })
    .refine((drop) => !drop.enabled || drop.recordingId !== null, { path: ["recordingId"], message: "Pick the recording to drop" }),
  forwardTo: phoneNumberSchema.nullable(),
  allowSipClients: z.boolean(),
  sipWebSocketUrl: z.string().trim().regex(/^wss?:\/\/[^\s]+$/, "A ws:// or wss:// URL").nullable(),
  // Channel
  channel: z.enum(Channel),
  // Dock
  autoHideDock: z.boolean(),
  autoPauseNoAnswer: z.boolean(),
  /** null = off; otherwise answer after this many seconds of ringing. */
  autoAnswerSeconds: z.number().int().min(0).max(60).nullable(),
  maskPhoneNumber: z.boolean(),
  hideCallHistory: z.boolean(),
  clickToCall: z.boolean(),
  blockManualDialing: z.boolean(),
  simultaneousChannelHandling: z.boolean(),
  chatsPerUser: z.number().int().min(1).max(5),
  phoneEndpoints: z.enum(PhoneEndpoint),
} as const;

export type SettingsField = keyof typeof settingsShape;
export const SETTINGS_FIELDS = Object.freeze(Object.keys(settingsShape)) as readonly SettingsField[];
export const PHONE_FIELDS = Object.freeze([
  "phoneId", "callerId", "localPresenceCallerIds", "callRecording", "voicemailDrop", "forwardTo", "allowSipClients", "sipWebSocketUrl",
] as const satisfies readonly SettingsField[]);
export const DOCK_FIELDS = Object.freeze([
  "autoHideDock", "autoPauseNoAnswer", "autoAnswerSeconds", "maskPhoneNumber", "hideCallHistory", "clickToCall",
  "blockManualDialing", "simultaneousChannelHandling", "chatsPerUser", "phoneEndpoints",
] as const satisfies readonly SettingsField[]);

export const effectiveSettingsSchema = z.strictObject(settingsShape);
export type EffectiveSettings = z.infer<typeof effectiveSettingsSchema>;
/** A level (workspace, team or user) sets any subset of fields. */
export const settingsOverridesSchema = effectiveSettingsSchema.partial();
export type SettingsOverrides = z.infer<typeof settingsOverridesSchema>;
export const settingsLocksSchema = z.array(z.enum(SETTINGS_FIELDS as [SettingsField, ...SettingsField[]])).max(SETTINGS_FIELDS.length);

export const DEFAULT_SETTINGS: EffectiveSettings = Object.freeze({
  phoneId: null,
  callerId: null,
  localPresenceCallerIds: [],
  callRecording: false,
  voicemailDrop: { enabled: false, recordingId: null },
  forwardTo: null,
  allowSipClients: false,
  sipWebSocketUrl: null,
  channel: "all",
  autoHideDock: false,
  autoPauseNoAnswer: false,
  autoAnswerSeconds: null,
  maskPhoneNumber: false,
  hideCallHistory: false,
  clickToCall: true,
  blockManualDialing: false,
  simultaneousChannelHandling: false,
  chatsPerUser: 3,
  phoneEndpoints: "browser",
});

export const DEFAULT_AWAY_REASONS = Object.freeze(["Break", "Lunch", "Training", "Meeting"]);
