import { describe, expect, it } from "vitest";
import { canSeeInvitation, inviteScopeOf, reachOf, type Actor } from "./can.js";
import { ROLES, type Role } from "./roles.js";

const A = "a".repeat(24);
const B = "b".repeat(24);
const actor = (roles: Role[], teams: string[] = [A], extra: Partial<Actor> = {}): Actor => ({ userId: `u-${roles.join("-")}`, roles, teams, ...extra });

/** Invitations of every shape that matters: each role alone, mixed roles, own team, other team, both. */
const INVITATIONS = {
  "admin @A": { roles: ["admin"], teams: [A] },
  "manager @A": { roles: ["manager"], teams: [A] },
  "supervisor @A": { roles: ["supervisor"], teams: [A] },
  "viewer @A": { roles: ["viewer"], teams: [A] },
  "agent @A": { roles: ["agent"], teams: [A] },
  "agent @B": { roles: ["agent"], teams: [B] },
  "agent @A+B": { roles: ["agent"], teams: [A, B] },
  "agent+viewer @A": { roles: ["agent", "viewer"], teams: [A] },
  "agent+admin @A": { roles: ["agent", "admin"], teams: [A] },
} satisfies Record<string, { roles: Role[]; teams: string[] }>;
type Shape = keyof typeof INVITATIONS;
const ALL = Object.keys(INVITATIONS) as Shape[];

/**
 * DESIGN.md §5 "invite / add members" read as "who could have sent it", written out by hand
 * (not derived from the matrix): the shapes each actor sees, every other one hidden.
 */
const TABLE: { name: string; actor: Actor; sees: Shape[] }[] = [
  { name: "admin", actor: actor(["admin"]), sees: ALL },
  { name: "admin of team B only", actor: actor(["admin"], [B]), sees: ALL },
  { name: "manager", actor: actor(["manager"]), sees: ["supervisor @A", "viewer @A", "agent @A", "agent @B", "agent @A+B", "agent+viewer @A"] },
  // Manager restrictions take away ⭕ cells; inviting is not one of them.
  {
    name: "manager with every restriction",
    actor: actor(["manager"], [A], { restrictions: { noWorkspaceSettings: true, noContactDeletion: true, noDataExport: true, noIntegrations: true } }),
    sees: ["supervisor @A", "viewer @A", "agent @A", "agent @B", "agent @A+B", "agent+viewer @A"],
  },
  { name: "supervisor of A", actor: actor(["supervisor"]), sees: ["agent @A"] },
  { name: "supervisor of A and B", actor: actor(["supervisor"], [A, B]), sees: ["agent @A", "agent @B", "agent @A+B"] },
  { name: "supervisor of no team", actor: actor(["supervisor"], []), sees: [] },
  { name: "viewer", actor: actor(["viewer"]), sees: [] },
  { name: "agent", actor: actor(["agent"]), sees: [] },
  { name: "viewer+supervisor of A", actor: actor(["viewer", "supervisor"]), sees: ["agent @A"] },
  { name: "supervisor+agent of A", actor: actor(["supervisor", "agent"]), sees: ["agent @A"] },
  // The union of roles: the manager's ceiling and its any-team reach.
  { name: "manager+supervisor of A", actor: actor(["manager", "supervisor"]), sees: ["supervisor @A", "viewer @A", "agent @A", "agent @B", "agent @A+B", "agent+viewer @A"] },
  { name: "manager+agent of B", actor: actor(["manager", "agent"], [B]), sees: ["supervisor @A", "viewer @A", "agent @A", "agent @B", "agent @A+B", "agent+viewer @A"] },
];

describe("canSeeInvitation: a registration link is a grant (DESIGN.md §5)", () => {
  for (const row of TABLE) {
    for (const shape of ALL) {
      const expected = row.sees.includes(shape);
      it(`security: ${row.name} ${expected ? "sees" : "never sees"} an invitation for ${shape}`, () => {
        expect(canSeeInvitation(row.actor, INVITATIONS[shape])).toBe(expected);
      });
    }
  }

  it("describes the same scope as data for queries: ceiling roles and own teams, or none", () => {
    expect(inviteScopeOf(actor(["admin"]))).toEqual({ roles: ROLES, teams: "all" });
    expect(inviteScopeOf(actor(["manager"]))).toEqual({ roles: ["supervisor", "viewer", "agent"], teams: "all" });
    expect(inviteScopeOf(actor(["viewer", "supervisor"], [A, B]))).toEqual({ roles: ["agent"], teams: [A, B] });
    expect(inviteScopeOf(actor(["viewer"]))).toBeNull();
    expect(inviteScopeOf(actor(["agent"]))).toBeNull();
  });

  // The outbox holds every invitation e-mail of the workspace, links included, with no role or
  // team attached: only roles that could have sent any invitation may read it.
  it("security: every role that reads the outbox could have sent any invitation", () => {
    for (const role of ROLES) {
      if (reachOf(actor([role]), "outbox.view") === false) continue;
      for (const shape of ALL) expect(canSeeInvitation(actor([role], []), INVITATIONS[shape]), `${role} / ${shape}`).toBe(true);
    }
  });
});
