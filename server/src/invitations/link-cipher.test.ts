import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLinkCipher, linkCipherFor } from "./link-cipher.js";

describe("registration link sealing", () => {
  const token = randomBytes(32).toString("base64url");

  it("round-trips a token, with a fresh IV each time and no trace of the token in the ciphertext", () => {
    const cipher = createLinkCipher(randomBytes(32));
    const a = cipher.encrypt(token);
    const b = cipher.encrypt(token);
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(cipher.decrypt(a)).toBe(token);
  });

  it("security: refuses a tampered ciphertext and another server's key", () => {
    const cipher = createLinkCipher(randomBytes(32));
    const sealed = cipher.encrypt(token);
    const [iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt([iv, tag, flipped.toString("base64url")].join("."))).toThrow();
    expect(() => createLinkCipher(randomBytes(32)).decrypt(sealed)).toThrow();
  });

  it("requires INVITE_LINK_KEY in production and a 32-byte key", () => {
    expect(() => linkCipherFor({ env: "production" })).toThrow(/INVITE_LINK_KEY/);
    expect(() => linkCipherFor({ env: "production", inviteLinkKey: randomBytes(16).toString("base64") })).toThrow(/32 bytes/);
    expect(linkCipherFor({ env: "production", inviteLinkKey: randomBytes(32).toString("base64") }).decrypt).toBeTypeOf("function");
  });
});
