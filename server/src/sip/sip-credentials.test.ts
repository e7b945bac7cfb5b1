import { createHmac } from "node:crypto";
import { sipAccountSchema } from "@switchboard/shared";
import { expect, it } from "vitest";
import { ephemeralPassword, issueSipAccount } from "./sip-credentials.js";

const sip = { secret: "a-secret-shared-with-kamailio", wsUrl: "wss://sip.example.com", domain: "example.com", credentialTtlSeconds: 600 };

it("issues auth_ephemeral credentials: `<expiry>:<userId>` and base64 HMAC-SHA1 of it", () => {
  const account = issueSipAccount(sip, "65a000000000000000000001", new Date("2026-01-01T00:00:00Z"));
  const expiry = Date.parse("2026-01-01T00:10:00Z") / 1000;
  expect(account).toEqual({
    wsUrl: "wss://sip.example.com",
    uri: "sip:65a000000000000000000001@example.com",
    username: `${expiry}:65a000000000000000000001`,
    password: createHmac("sha1", sip.secret).update(`${expiry}:65a000000000000000000001`).digest("base64"),
    expiresAt: "2026-01-01T00:10:00.000Z",
  });
  expect(sipAccountSchema.parse(account)).toEqual(account);
});

it("security: a credential made with another secret or for another user does not match", () => {
  const account = issueSipAccount(sip, "u1", new Date());
  expect(ephemeralPassword("another-secret-entirely", account.username)).not.toBe(account.password);
  expect(ephemeralPassword(sip.secret, account.username.replace("u1", "u2"))).not.toBe(account.password);
});
