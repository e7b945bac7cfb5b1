import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Opaque call references (DESIGN.md §14): `sip:ref-<token>@<domain>` stands for a number the
 * member may call but not see (a masked contact), or one they reached by click-to-call. The token
 * is the number sealed with AES-256-GCM under a key only the server derives from its SIP secret,
 * bound to the member it was issued to and short-lived, so it means nothing to the dock, to
 * another member, or after it expires. Stateless: any server node resolves it.
 */
export const CALL_REFERENCE_TTL_SECONDS = 120;
const PREFIX = "ref-";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CallReference {
  workspaceId: string;
  userId: string;
  /** E.164. */
  number: string;
  contactId: string | null;
}

interface Sealed {
  w: string;
  u: string;
  n: string;
  c: string | null;
  /** Expiry, unix seconds. */
  e: number;
}

// A key of its own: the SIP secret is Kamailio's too, and Kamailio must not be able to read references.
const keyOf = (secret: string) => createHash("sha256").update(`switchboard call reference\0${secret}`).digest();

export function issueCallReference(secret: string, reference: CallReference, now: Date): { user: string; expiresAt: Date } {
  const expiry = Math.floor(now.getTime() / 1000) + CALL_REFERENCE_TTL_SECONDS;
  const sealed: Sealed = { w: reference.workspaceId, u: reference.userId, n: reference.number, c: reference.contactId, e: expiry };
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(sealed), "utf8"), cipher.final()]);
  const token = Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
  return { user: `${PREFIX}${token}`, expiresAt: new Date(expiry * 1000) };
}

export const isCallReference = (user: string) => user.startsWith(PREFIX);

/** The reference's number for the member it was issued to, while it lives; null for anything else. */
export function resolveCallReference(secret: string, user: string, callerUserId: string, now: Date): CallReference | null {
  if (!isCallReference(user)) return null;
  const raw = Buffer.from(user.slice(PREFIX.length), "base64url");
  if (raw.length <= IV_BYTES + TAG_BYTES) return null;
  let sealed: Sealed;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    sealed = JSON.parse(Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8")) as Sealed;
  } catch {
    return null;
  }
  if (sealed.u !== callerUserId || sealed.e * 1000 <= now.getTime()) return null;
  return { workspaceId: sealed.w, userId: sealed.u, number: sealed.n, contactId: sealed.c };
}
