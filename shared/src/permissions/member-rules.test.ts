import { describe, expect, it } from "vitest";
import { withinCeiling, type Actor, type MemberFacts } from "./can.js";
import {
  checkLoginEmailChange,
  checkMemberSettingsEdit,
  checkProfileEdit,
  checkTeamsChange,
  checkWorkspaceSettingsRead,
  mayRevokeMember,
  memberEditRights,
  SELF_ACCESS_REASON,
} from "./member-rules.js";
import { ROLES, type Role } from "./roles.js";

const OWN = "a".repeat(24);
const OTHER = "b".repeat(24);
const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({ userId: `actor-${role}`, roles: [role], teams: [OWN], ...extra });
const target = (role: Role, teams = [OWN]): MemberFacts => ({ userId: `target-${role}`, roles: [role], teams });
const verdict = (violation: { code: string } | null) => violation?.code ?? "ok";

describe("withinCeiling (the role ceiling every member rule applies)", () => {
  it.each<[Role, Role[], "invite" | "grant" | "revoke", boolean]>([
    ["admin", ["admin", "manager"], "invite", true],
    ["manager", ["supervisor", "agent"], "invite", true],
    ["manager", ["admin"], "invite", false],
    ["manager", ["manager"], "grant", false],
    ["supervisor", ["agent"], "invite", true],
    ["supervisor", ["agent", "supervisor"], "invite", false],
    ["supervisor", ["agent"], "revoke", false],
  ])("%s over %j (%s): %s", (role, roles, ceiling, expected) => {
    expect(withinCeiling(actor(role), roles, ceiling)).toBe(expected);
  });
});

describe("checkTeamsChange", () => {
  it.each<[Role, MemberFacts, string[], string]>([
    ["admin", target("manager", [OTHER]), [OWN], "ok"],
    ["manager", target("agent", [OWN]), [OWN, OTHER], "FORBIDDEN"],
    ["manager", target("agent", [OWN, OTHER]), [OWN], "FORBIDDEN"],
    ["supervisor", target("agent", [OWN]), [OWN], "ok"],
    ["supervisor", target("supervisor", [OWN]), [OWN], "ROLE_CEILING"],
    ["viewer", target("agent", [OWN]), [OWN], "FORBIDDEN"],
    // A new primary team is a change to both teams, even when both stay.
    ["supervisor", target("agent", [OTHER, OWN]), [OWN, OTHER], "FORBIDDEN"],
  ])("%s moving %j to %j: %s", (role, member, next, expected) => {
    expect(verdict(checkTeamsChange(actor(role), member, next))).toBe(expected);
  });
});

describe("checkProfileEdit", () => {
  it.each<[Role, MemberFacts, string]>([
    ["admin", target("admin", [OTHER]), "ok"],
    ["manager", target("agent", [OTHER]), "ok"],
    ["manager", target("admin"), "ROLE_CEILING"],
    ["supervisor", target("agent", [OWN]), "ok"],
    ["supervisor", target("agent", [OTHER]), "FORBIDDEN"],
    ["agent", target("agent"), "FORBIDDEN"],
  ])("%s editing %j: %s", (role, member, expected) => {
    expect(verdict(checkProfileEdit(actor(role), member))).toBe(expected);
  });

  it("lets anyone edit their own profile", () => {
    expect(checkProfileEdit(actor("agent"), { ...target("agent"), userId: "actor-agent" })).toBeNull();
  });
});

describe("checkMemberSettingsEdit", () => {
  it.each<[Role, MemberFacts, string]>([
    ["admin", target("manager", [OTHER]), "ok"],
    ["manager", target("agent", [OWN]), "ok"],
    ["manager", target("agent", [OTHER]), "FORBIDDEN"],
    ["manager", target("admin", [OWN]), "FORBIDDEN"],
    ["supervisor", target("agent", [OWN]), "ok"],
    ["supervisor", target("manager", [OWN]), "FORBIDDEN"],
    ["agent", target("agent", [OWN]), "FORBIDDEN"],
  ])("%s editing the settings of %j: %s", (role, member, expected) => {
    expect(verdict(checkMemberSettingsEdit(actor(role), member))).toBe(expected);
  });

  it("lets a supervisor edit their own settings despite the ceiling", () => {
    expect(checkMemberSettingsEdit(actor("supervisor"), { ...target("supervisor"), userId: "actor-supervisor" })).toBeNull();
  });
});

describe("checkWorkspaceSettingsRead", () => {
  it.each<[string, Actor, string]>([
    ["an admin", actor("admin"), "ok"],
    ["a viewer", actor("viewer"), "ok"],
    ["an agent", actor("agent"), "FORBIDDEN"],
    ["a manager restricted from workspace settings", actor("manager", { restrictions: { noWorkspaceSettings: true } }), "FORBIDDEN"],
    ["an admin with the restriction (admins are never restricted)", actor("admin", { restrictions: { noWorkspaceSettings: true } }), "ok"],
  ])("%s: %s", (_, reader, expected) => {
    expect(verdict(checkWorkspaceSettingsRead(reader))).toBe(expected);
  });
});

describe("memberEditRights and mayRevokeMember (what the console enables)", () => {
  it("locks one's own access and hides revoking oneself", () => {
    const me = actor("admin");
    const self = { ...target("admin"), userId: me.userId };
    expect(memberEditRights(me, self)).toMatchObject({ accessLockedReason: SELF_ACCESS_REASON, mayChangeRoles: false, mayChangeTeams: false, mayEditProfile: true });
    expect(mayRevokeMember(me, self)).toBe(false);
  });

  it("gives a manager roles and teams of an agent, but nothing over an admin", () => {
    const manager = actor("manager");
    expect(memberEditRights(manager, target("agent"))).toMatchObject({ accessLockedReason: null, mayChangeRoles: true, mayChangeTeams: true, touchableTeams: [OWN], mayEditProfile: true });
    expect(memberEditRights(manager, target("admin"))).toMatchObject({ mayChangeRoles: false, mayChangeTeams: false, grantable: [], mayEditProfile: false });
    expect(mayRevokeMember(manager, target("agent"))).toBe(true);
    expect(mayRevokeMember(manager, target("admin"))).toBe(false);
  });

  it("gives a supervisor teams but not roles, and no revoke", () => {
    const rights = memberEditRights(actor("supervisor"), target("agent"));
    expect(rights).toMatchObject({ mayChangeRoles: false, mayChangeTeams: true, grantable: [], accessLockedReason: null });
    expect(mayRevokeMember(actor("supervisor"), target("agent"))).toBe(false);
  });
});

describe("checkLoginEmailChange (DESIGN.md §5: only an admin changes another person's e-mail)", () => {
  it("security: lets an admin or the person themselves, and nobody else", () => {
    for (const role of ROLES) {
      const who = actor(role);
      expect(checkLoginEmailChange(who, who.userId)).toBeNull();
      const other = checkLoginEmailChange(who, "someone-else");
      if (role === "admin") expect(other).toBeNull();
      else expect(other?.code).toBe("FORBIDDEN");
    }
    expect(checkLoginEmailChange(actor("manager", { roles: ["manager", "supervisor"] }), "someone-else")?.code).toBe("FORBIDDEN");
    expect(checkLoginEmailChange(actor("supervisor", { roles: ["supervisor", "admin"] }), "someone-else")).toBeNull();
  });
});
