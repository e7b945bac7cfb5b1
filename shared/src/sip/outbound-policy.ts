import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { Channel } from "../settings/settings.schema.js";

/**
 * Outbound call policy (DESIGN.md §14, §9): Kamailio asks the server before any call a member
 * places, and these rules answer. Pure, so the server and its tests share them.
 */

/** How the dialed target reached Kamailio: digits typed (or sent by a UA that bypasses the dock), or a server-issued reference. */
export const DialOrigin = Object.freeze({ typed: "typed", reference: "reference" } as const);
export type DialOrigin = (typeof DialOrigin)[keyof typeof DialOrigin];

export const DialRefusal = Object.freeze({ channel: "channel", manualDialing: "manualDialing", invalidNumber: "invalidNumber" } as const);
export type DialRefusal = (typeof DialRefusal)[keyof typeof DialRefusal];

export interface DialSettings {
  channel: Channel;
  blockManualDialing: boolean;
}

/**
 * May this member place this call? Channel `chat` never dials. With `blockManualDialing`, only a
 * server-issued reference (click-to-call or a contact: the server issued it after its own checks)
 * is allowed; typed digits are refused whatever the dock's UI showed.
 */
export function dialRefusal(settings: DialSettings, origin: DialOrigin): DialRefusal | null {
  if (settings.channel === "chat") return DialRefusal.channel;
  if (settings.blockManualDialing && origin === DialOrigin.typed) return DialRefusal.manualDialing;
  return null;
}

export interface CallerIdSettings {
  callerId: { name: string; number: string } | null;
  localPresenceCallerIds: readonly { countryCode: string; number: string }[];
}

/**
 * The identity the callee sees: the local-presence caller ID whose country code matches the
 * destination's, otherwise the member's callerId; null when neither is set (Kamailio then keeps
 * the member's own address, never a number the member typed in From).
 */
export function chooseCallerId(settings: CallerIdSettings, destination: string): { name: string; number: string } | null {
  const country = parsePhoneNumberFromString(destination.startsWith("+") ? destination : `+${destination}`)?.countryCallingCode;
  const local = country ? settings.localPresenceCallerIds.find((row) => row.countryCode === country) : undefined;
  if (local) return { name: settings.callerId?.name ?? "", number: local.number };
  return settings.callerId;
}
