import type { PhoneEndpoint } from "../settings/settings.schema.js";

/**
 * Where a member's calls ring (DESIGN.md §9, §14): `browser` is the dock's registration
 * (`<userId>`), `sip` their own SIP phone, registered under its own account (`<userId>.phone`,
 * only with `allowSipClients`), `external` their `forwardTo` number, which Kamailio sends through
 * the trunk. A setting that cannot be honoured (no permission, no number) falls back to the dock.
 */
export const sipPhoneUser = (userId: string) => `${userId}.phone`;

export interface EndpointSettings {
  phoneEndpoints: PhoneEndpoint;
  allowSipClients: boolean;
  forwardTo: string | null;
}

export function endpointTarget(settings: EndpointSettings, userId: string, domain: string): string {
  if (settings.phoneEndpoints === "sip" && settings.allowSipClients) return `sip:${sipPhoneUser(userId)}@${domain}`;
  if (settings.phoneEndpoints === "external" && settings.forwardTo) return `sip:${settings.forwardTo}@${domain}`;
  return `sip:${userId}@${domain}`;
}
