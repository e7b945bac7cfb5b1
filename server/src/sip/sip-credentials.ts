import { createHmac } from "node:crypto";
import type { SipAccount } from "@switchboard/shared";
import type { SipConfig } from "../config.js";

/**
 * Kamailio's auth_ephemeral (username_format 1, SHA-1): the username is `<expiry>:<user>`
 * and the password base64(HMAC-SHA1(secret, username)). Kamailio recomputes it, so the
 * server keeps no SIP passwords; the AOR user is the userId (the config checks To/From
 * against the username's user part), so a credential binds only its owner's address.
 */
export function ephemeralPassword(secret: string, username: string): string {
  return createHmac("sha1", secret).update(username).digest("base64");
}

export function issueSipAccount(sip: SipConfig, userId: string, now: Date): SipAccount {
  const expiry = Math.floor(now.getTime() / 1000) + sip.credentialTtlSeconds;
  const username = `${expiry}:${userId}`;
  return {
    wsUrl: sip.wsUrl,
    uri: `sip:${userId}@${sip.domain}`,
    username,
    password: ephemeralPassword(sip.secret, username),
    expiresAt: new Date(expiry * 1000).toISOString(),
  };
}
