import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Config } from "../config.js";
import { REPO_ROOT } from "../db/ferretdb-binary.js";
import { readOrCreateSecretFile } from "../dev-secret-file.js";

/*
 * Why registration tokens are stored encrypted as well as hashed:
 * DESIGN.md §4 wants only the sha-256 of a token stored (lookup is by `tokenHash`), yet §7/§12
 * want the pending table to show each invitation's link. We keep the token AES-256-GCM
 * encrypted with a server key that is not in the database, so a database leak alone yields
 * no usable links, while admins can still copy them. Lookup and single use never read the
 * ciphertext. Production must set INVITE_LINK_KEY; development keeps a generated key in .data/.
 */

const KEY_FILE = join(REPO_ROOT, ".data/invite-link.key");

function decodeKey(base64: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("INVITE_LINK_KEY must be 32 bytes, base64-encoded.");
  return key;
}

function developmentKey(): Buffer {
  return decodeKey(readOrCreateSecretFile(KEY_FILE, () => randomBytes(32).toString("base64")));
}

export interface LinkCipher {
  encrypt(token: string): string;
  decrypt(sealed: string): string;
}

export function createLinkCipher(key: Buffer): LinkCipher {
  return {
    encrypt(token) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
      return [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url")).join(".");
    },
    decrypt(sealed) {
      const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
      const decipher = createDecipheriv("aes-256-gcm", key, iv!);
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(body!), decipher.final()]).toString("utf8");
    },
  };
}

const ciphers = new Map<string, LinkCipher>();

/** The cipher for this server's key, built once. */
export function linkCipherFor(config: Pick<Config, "inviteLinkKey" | "env">): LinkCipher {
  const id = config.inviteLinkKey ?? `file:${config.env}`;
  let cipher = ciphers.get(id);
  if (!cipher) {
    if (!config.inviteLinkKey && config.env === "production") throw new Error("Set INVITE_LINK_KEY (32 bytes, base64) in production.");
    cipher = createLinkCipher(config.inviteLinkKey ? decodeKey(config.inviteLinkKey) : developmentKey());
    ciphers.set(id, cipher);
  }
  return cipher;
}

export const registrationLink = (publicUrl: string, token: string) => `${publicUrl}/register/${token}`;
