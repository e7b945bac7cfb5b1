import { expect, it } from "vitest";
import { CALL_REFERENCE_TTL_SECONDS, issueCallReference, resolveCallReference } from "./call-references.js";

const secret = "test-secret-shared-with-kamailio";
const now = new Date("2026-11-29T12:00:00Z");
const reference = { workspaceId: "w1", userId: "u1", number: "+442079460000", contactId: "c1" };

it("resolves a reference for the member it was issued to, while it lives", () => {
  const { user, expiresAt } = issueCallReference(secret, reference, now);
  expect(user).toMatch(/^ref-[A-Za-z0-9_-]+$/);
  expect(expiresAt.getTime() - now.getTime()).toBe(CALL_REFERENCE_TTL_SECONDS * 1000);
  expect(resolveCallReference(secret, user, "u1", new Date(expiresAt.getTime() - 1000))).toEqual(reference);
});

it("security: the token does not carry the number readably", () => {
  const { user } = issueCallReference(secret, reference, now);
  const decoded = Buffer.from(user.slice(4), "base64url").toString("latin1");
  expect(decoded).not.toContain("2079460000");
  expect(user).not.toContain("2079460000");
});

it("security: another member, an expired, a tampered or a foreign-secret reference resolves to nothing", () => {
  const { user, expiresAt } = issueCallReference(secret, reference, now);
  expect(resolveCallReference(secret, user, "u2", now)).toBeNull();
  expect(resolveCallReference(secret, user, "u1", expiresAt)).toBeNull();
  const flipped = `${user.slice(0, -2)}${user.at(-2) === "A" ? "B" : "A"}${user.at(-1)}`;
  expect(resolveCallReference(secret, flipped, "u1", now)).toBeNull();
  expect(resolveCallReference("another-secret-of-sixteen", user, "u1", now)).toBeNull();
  expect(resolveCallReference(secret, "ref-", "u1", now)).toBeNull();
  expect(resolveCallReference(secret, "442079460000", "u1", now)).toBeNull();
});
