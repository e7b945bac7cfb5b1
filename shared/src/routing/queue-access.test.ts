import { describe, expect, it } from "vitest";
import type { Actor } from "../permissions/can.js";
import type { Role } from "../permissions/roles.js";
import { canViewQueue, checkManageQueue, interactionScopeOf, scopeCovers } from "./queue-access.js";

const A = "a".repeat(24);
const B = "b".repeat(24);
const actor = (roles: Role[], teams = [A]): Actor => ({ userId: "u".repeat(24), roles, teams });

describe("queue management (DESIGN.md §10: queues whose teams are all their own)", () => {
  const cases: Array<[Role, string[], boolean]> = [
    ["admin", [B], true],
    ["manager", [A], true],
    ["manager", [A, B], false],
    ["supervisor", [A], true],
    ["supervisor", [B], false],
    ["viewer", [A], false],
    ["agent", [A], false],
  ];
  for (const [role, teams, allowed] of cases) {
    it(`${role} managing a queue of ${teams.length === 1 && teams[0] === A ? "own team" : "other teams"}${teams.length > 1 ? " + another" : ""}: ${allowed}`, () => {
      expect(checkManageQueue(actor([role]), teams) === null).toBe(allowed);
    });
  }

  it("viewers read every queue, supervisors their teams' queues, agents none", () => {
    expect(canViewQueue(actor(["viewer"]), [B])).toBe(true);
    expect(canViewQueue(actor(["supervisor"]), [A, B])).toBe(true);
    expect(canViewQueue(actor(["supervisor"]), [B])).toBe(false);
    expect(canViewQueue(actor(["agent"]), [A])).toBe(false);
  });
});

describe("interaction scope (§5 see interactions and transcripts)", () => {
  it("admins and viewers see all", () => {
    expect(scopeCovers(interactionScopeOf(actor(["admin"])), [B], null)).toBe(true);
    expect(scopeCovers(interactionScopeOf(actor(["viewer"])), [B], null)).toBe(true);
  });
  it("supervisors see their teams' queues and what they handled", () => {
    const scope = interactionScopeOf(actor(["supervisor"]));
    expect(scopeCovers(scope, [A], null)).toBe(true);
    expect(scopeCovers(scope, [B], null)).toBe(false);
    expect(scopeCovers(scope, [B], "u".repeat(24))).toBe(true);
  });
  it("agents see only their own", () => {
    const scope = interactionScopeOf(actor(["agent"]));
    expect(scopeCovers(scope, [A], null)).toBe(false);
    expect(scopeCovers(scope, [A], "c".repeat(24))).toBe(false);
    expect(scopeCovers(scope, [A], "u".repeat(24))).toBe(true);
  });
});
