import { describe, expect, it } from "vitest";
import { describeAuditChange } from "./audit-change.js";

const names = { teamName: (id: string) => ({ t1: "Tier 1", t2: "Tier 2" })[id] };

describe("describeAuditChange", () => {
  it("says what changed in words, team ids as names, unchanged fields left out", () => {
    expect(describeAuditChange({ roles: ["agent"], teams: ["t1"], name: "Ivy" }, { roles: ["agent", "viewer"], teams: ["t2", "t1"], name: "Ivy" }, names)).toEqual([
      "Roles: agent → agent, viewer",
      "Teams: Tier 1 → Tier 2, Tier 1",
    ]);
  });

  it("new values, removed values, booleans and nested restrictions", () => {
    expect(describeAuditChange(null, { email: "ivy@example.com", teams: ["t1", "gone"] }, names)).toEqual(["E-mail: ivy@example.com", "Teams: Tier 1, gone"]);
    expect(describeAuditChange({ location: "Oslo" }, { location: null }, names)).toEqual(["Location: Oslo removed"]);
    expect(describeAuditChange({ restrictions: { maskContactInfo: false } }, { restrictions: { maskContactInfo: true } }, names)).toEqual([
      "Restrictions: mask contact info no → mask contact info yes",
    ]);
  });

  it("scalars and nothing", () => {
    expect(describeAuditChange("a", "b", names)).toEqual(["a → b"]);
    expect(describeAuditChange(null, undefined, names)).toEqual([]);
  });
});
