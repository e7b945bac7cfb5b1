import type { Interaction } from "@switchboard/shared";
import { describe, expect, it } from "vitest";
import { customerOf, dayStartIso, handleText, waitText } from "./interaction-format";

const base: Interaction = {
  id: "a".repeat(24),
  workspaceId: "b".repeat(24),
  kind: "chat",
  queue: { id: "c".repeat(24), name: "Support" },
  state: "closed",
  agent: null,
  contact: { name: null, email: null, phone: null, masked: false },
  enqueuedAt: "2026-01-01T10:00:00.000Z",
  answeredAt: "2026-01-01T10:00:42.000Z",
  endedAt: "2026-01-01T10:05:42.000Z",
  closedAt: "2026-01-01T10:06:00.000Z",
  wrapUpUntil: null,
  closedBy: "agent",
  offers: [],
};

describe("interaction formatting", () => {
  it("wait is enqueued → answered; handle is answered → ended", () => {
    expect(waitText(base)).toBe("42s");
    expect(handleText(base)).toBe("5m 00s");
  });

  it("an abandoned chat has no answer time and no handle time", () => {
    const abandoned = { ...base, state: "abandoned" as const, answeredAt: null };
    expect(waitText(abandoned)).toBe("—");
    expect(handleText(abandoned)).toBe("—");
  });

  it("a waiting chat's wait keeps counting", () => {
    const queued = { ...base, state: "queued" as const, answeredAt: null, endedAt: null, closedAt: null };
    expect(waitText(queued, Date.parse("2026-01-01T10:01:30.000Z"))).toBe("1m 30s");
  });

  it("the customer is their name, else their (masked) e-mail, else Visitor", () => {
    expect(customerOf(base)).toBe("Visitor");
    expect(customerOf({ contact: { ...base.contact, email: "v•••@example.com" } })).toBe("v•••@example.com");
    expect(customerOf({ contact: { ...base.contact, name: "Vera", email: "v@example.com" } })).toBe("Vera");
  });

  it("a date box is the start of that local day; the end box is exclusive (the next day's start)", () => {
    const from = new Date(dayStartIso("2026-03-05")!);
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours()]).toEqual([2026, 2, 5, 0]);
    expect(new Date(dayStartIso("2026-03-05", true)!).getDate()).toBe(6);
    expect(dayStartIso("")).toBeUndefined();
  });
});
