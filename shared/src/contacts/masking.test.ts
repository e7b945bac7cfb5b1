import { describe, expect, it } from "vitest";
import { canSeeContact, contactAccessOf } from "./contact-access.js";
import { maskContactDetailsInText, maskContactSnapshot, maskEmail, maskPhone } from "./masking.js";

describe("maskPhone", () => {
  it("keeps the country code, the area and the last two digits", () => {
    expect(maskPhone("+14155550167")).toBe("+1 415 ••• ••67");
    expect(maskPhone("+442079460958")).toBe("+44 20 •••• ••58");
    expect(maskPhone("+33142685300")).toBe("+33 1 •• •• •• 00");
  });

  it("masks numbers it cannot parse down to the last two digits", () => {
    expect(maskPhone("12345678")).toBe("••••••78");
  });
});

describe("maskEmail", () => {
  it("keeps the first letter and the domain", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j•••@example.com");
    expect(maskEmail("j@example.com")).toBe("j•••@example.com");
  });

  it("masks a value without a local part entirely", () => {
    expect(maskEmail("@example.com")).toBe("•••");
    expect(maskEmail("nonsense")).toBe("•••");
  });
});

describe("maskContactSnapshot", () => {
  it("security: masks the phone and e-mail of a stored contact snapshot, nothing else", () => {
    const snapshot = { name: "Jane Doe", phone: "+14155550167", email: "jane.doe@example.com", assigneeId: null, teamId: "t1" };
    expect(maskContactSnapshot(snapshot)).toEqual({ name: "Jane Doe", phone: "+1 415 ••• ••67", email: "j•••@example.com", assigneeId: null, teamId: "t1" });
    expect(snapshot.phone).toBe("+14155550167");
  });

  it("passes through what holds no contact values", () => {
    expect(maskContactSnapshot(null)).toBeNull();
    expect(maskContactSnapshot({ name: "No phone", phone: null, email: "" })).toEqual({ name: "No phone", phone: null, email: "" });
    expect(maskContactSnapshot(["+14155550167"])).toEqual(["+14155550167"]);
  });
});

describe("contact access", () => {
  const TEAM = "a".repeat(24);
  const restricted = { contactVisibility: "teamAndSelf" as const, maskContactInfo: true };

  it("binds agent restrictions only to members holding the agent role", () => {
    expect(contactAccessOf({ roles: ["agent"], restrictions: restricted })).toEqual({ visibility: "teamAndSelf", masked: true });
    expect(contactAccessOf({ roles: ["supervisor", "agent"], restrictions: restricted })).toEqual({ visibility: "teamAndSelf", masked: true });
    expect(contactAccessOf({ roles: ["supervisor"], restrictions: restricted })).toEqual({ visibility: "all", masked: false });
    expect(contactAccessOf({ roles: ["agent"] })).toEqual({ visibility: "all", masked: false });
  });

  it("shows team contacts and own contacts under teamAndSelf, own only under selfOnly", () => {
    const agent = { userId: "u1", roles: ["agent" as const], teams: [TEAM], restrictions: restricted };
    expect(canSeeContact(agent, { assigneeId: null, teamId: TEAM })).toBe(true);
    expect(canSeeContact(agent, { assigneeId: "u1", teamId: null })).toBe(true);
    expect(canSeeContact(agent, { assigneeId: "u2", teamId: "b".repeat(24) })).toBe(false);
    expect(canSeeContact(agent, { assigneeId: null, teamId: null })).toBe(false);
    const selfOnly = { ...agent, restrictions: { contactVisibility: "selfOnly" as const } };
    expect(canSeeContact(selfOnly, { assigneeId: null, teamId: TEAM })).toBe(false);
    expect(canSeeContact(selfOnly, { assigneeId: "u1", teamId: null })).toBe(true);
  });
});

describe("maskContactDetailsInText", () => {
  it("masks e-mails and phone numbers a customer types, and nothing else", () => {
    const text = "Write to jane.doe@example.com or call +1 415 555 0123 (order 12345)";
    const masked = maskContactDetailsInText(text, { email: true, phone: true });
    expect(masked).not.toContain("jane.doe@example.com");
    expect(masked).not.toContain("555 0123");
    expect(masked).toContain("j•••@example.com");
    expect(masked).toContain("order 12345");
    expect(maskContactDetailsInText(text, { email: false, phone: false })).toBe(text);
    expect(maskContactDetailsInText("+14155550123", { email: false, phone: true })).toBe(maskPhone("+14155550123"));
  });
});
