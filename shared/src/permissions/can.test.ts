import { describe, expect, it } from "vitest";
import { checkAccessChange, checkInvite, checkLoginEmailChange, checkRevoke, checkSetPresence, can, grantableRoles, invitableRoles, reachOf, type Actor } from "./can.js";
import { PERMISSIONS, type Permission } from "./matrix.js";
import { ROLES, type Role } from "./roles.js";

const TEAM_A = "a".repeat(24);
const TEAM_B = "b".repeat(24);
const member = (roles: Role[], extra: Partial<Actor> = {}): Actor => ({ userId: `u-${roles.join("-")}`, roles, teams: [TEAM_A], ...extra });

/**
 * DESIGN.md §5 transcribed independently of matrix.ts: "all", "own" (own teams only), "⭕" (allowed
 * unless restricted), or "-". A change to matrix.ts that disagrees with the brief fails here.
 */
const EXPECTED: Record<Permission, Record<Role, "all" | "own" | "⭕" | "-">> = {
  "console.use": { admin: "all", manager: "all", supervisor: "all", viewer: "all", agent: "-" },
  "console.write": { admin: "all", manager: "all", supervisor: "all", viewer: "-", agent: "-" },
  "dock.use": { admin: "all", manager: "all", supervisor: "all", viewer: "-", agent: "all" },
  "presence.view": { admin: "all", manager: "own", supervisor: "own", viewer: "all", agent: "-" },
  "presence.setOthers": { admin: "all", manager: "own", supervisor: "own", viewer: "-", agent: "-" },
  "members.view": { admin: "all", manager: "all", supervisor: "all", viewer: "all", agent: "-" },
  "members.invite": { admin: "all", manager: "all", supervisor: "own", viewer: "-", agent: "-" },
  "members.changeRoles": { admin: "all", manager: "all", supervisor: "-", viewer: "-", agent: "-" },
  "teams.manageMembers": { admin: "all", manager: "own", supervisor: "own", viewer: "-", agent: "-" },
  "members.revoke": { admin: "all", manager: "all", supervisor: "-", viewer: "-", agent: "-" },
  "teams.settings": { admin: "all", manager: "own", supervisor: "own", viewer: "-", agent: "-" },
  "workspace.settings": { admin: "all", manager: "⭕", supervisor: "-", viewer: "-", agent: "-" },
  "restrictions.set": { admin: "all", manager: "-", supervisor: "-", viewer: "-", agent: "-" },
  "contacts.delete": { admin: "all", manager: "⭕", supervisor: "-", viewer: "-", agent: "-" },
  "data.export": { admin: "all", manager: "⭕", supervisor: "-", viewer: "-", agent: "-" },
  "integrations.connect": { admin: "all", manager: "⭕", supervisor: "-", viewer: "-", agent: "-" },
  "channels.connect": { admin: "all", manager: "-", supervisor: "-", viewer: "-", agent: "-" },
  "audit.view": { admin: "all", manager: "all", supervisor: "-", viewer: "all", agent: "-" },
  // Issue 3: the mail outbox (no SMTP configured) is "visible to admins in the console".
  "outbox.view": { admin: "all", manager: "-", supervisor: "-", viewer: "-", agent: "-" },
  // §5 "manage queues": viewers read every queue; managers and supervisors see their teams' queues.
  "queues.view": { admin: "all", manager: "own", supervisor: "own", viewer: "all", agent: "-" },
  "queues.manage": { admin: "all", manager: "own", supervisor: "own", viewer: "-", agent: "-" },
  // §5 "see interactions": an agent's own interactions come from interactionScopeOf, not the matrix.
  "interactions.read": { admin: "all", manager: "own", supervisor: "own", viewer: "all", agent: "-" },
  "offers.receive": { admin: "all", manager: "all", supervisor: "all", viewer: "-", agent: "all" },
};

const RESTRICTION_FOR: Partial<Record<Permission, "noWorkspaceSettings" | "noContactDeletion" | "noDataExport" | "noIntegrations">> = {
  "workspace.settings": "noWorkspaceSettings",
  "contacts.delete": "noContactDeletion",
  "data.export": "noDataExport",
  "integrations.connect": "noIntegrations",
};

describe("permission matrix: every role × every permission (DESIGN.md §5)", () => {
  it("lists every permission the brief names", () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const permission of PERMISSIONS) {
    for (const role of ROLES) {
      const expected = EXPECTED[permission][role];
      it(`${role} → ${permission}: ${expected}`, () => {
        const actor = member([role]);
        const inOwnTeam = { teamIds: [TEAM_A] };
        const inOtherTeam = { teamIds: [TEAM_B] };
        switch (expected) {
          case "all":
            expect(can(actor, permission, inOwnTeam)).toBe(true);
            expect(can(actor, permission, inOtherTeam)).toBe(true);
            break;
          case "own":
            expect(can(actor, permission, inOwnTeam)).toBe(true);
            expect(can(actor, permission, inOtherTeam)).toBe(false);
            break;
          case "⭕": {
            expect(can(actor, permission, inOtherTeam)).toBe(true);
            const restricted = member([role], { restrictions: { [RESTRICTION_FOR[permission]!]: true } });
            expect(can(restricted, permission)).toBe(false);
            break;
          }
          case "-":
            expect(can(actor, permission)).toBe(false);
            expect(can(actor, permission, inOwnTeam)).toBe(false);
        }
      });
    }
  }
});

describe("multi-role members and restrictions", () => {
  it("unions the roles: a supervisor who is also a viewer sees presence of all teams", () => {
    const actor = member(["supervisor", "viewer"]);
    expect(reachOf(actor, "presence.view")).toBe("all");
    expect(can(actor, "teams.settings", { teamIds: [TEAM_B] })).toBe(false);
    expect(can(actor, "dock.use")).toBe(true);
  });

  it("an agent who is also a viewer may use both dock and console", () => {
    const actor = member(["agent", "viewer"]);
    expect(can(actor, "dock.use")).toBe(true);
    expect(can(actor, "console.use")).toBe(true);
    expect(can(actor, "console.write")).toBe(false);
  });

  it("a manager restriction does not take away what the admin role grants", () => {
    const actor = member(["manager", "admin"], { restrictions: { noDataExport: true } });
    expect(can(actor, "data.export")).toBe(true);
  });

  it("each manager restriction removes exactly its own permission", () => {
    const restricted = member(["manager"], { restrictions: { noContactDeletion: true } });
    expect(can(restricted, "contacts.delete")).toBe(false);
    expect(can(restricted, "data.export")).toBe(true);
    expect(can(restricted, "workspace.settings")).toBe(true);
    expect(can(restricted, "integrations.connect")).toBe(true);
  });

  it("invitable and grantable roles follow the ceilings and union across roles", () => {
    expect(invitableRoles(member(["admin"]))).toEqual(["admin", "manager", "supervisor", "viewer", "agent"]);
    expect(invitableRoles(member(["manager"]))).toEqual(["supervisor", "viewer", "agent"]);
    expect(invitableRoles(member(["supervisor"]))).toEqual(["agent"]);
    expect(invitableRoles(member(["viewer", "agent"]))).toEqual([]);
    expect(grantableRoles(member(["supervisor"]))).toEqual([]);
    expect(grantableRoles(member(["manager", "supervisor"]))).toEqual(["supervisor", "viewer", "agent"]);
  });
});

describe("hard rules", () => {
  const admin = member(["admin"], { userId: "admin-1" });
  const manager = member(["manager"], { userId: "manager-1" });
  const supervisor = member(["supervisor"], { userId: "sup-1" });
  const agent = { userId: "agent-1", roles: ["agent"] as Role[], teams: [TEAM_A] };
  const otherAdmin = { userId: "admin-2", roles: ["admin"] as Role[], teams: [TEAM_A] };

  it("refuses changing your own roles or access, even as admin", () => {
    const self = { userId: admin.userId, roles: admin.roles, teams: admin.teams };
    expect(checkAccessChange({ actor: admin, target: self, nextRoles: ["admin", "agent"], activeAdminCount: 3 })?.code).toBe("SELF_ACCESS_CHANGE");
    expect(checkRevoke({ actor: admin, target: self, activeAdminCount: 3 })?.code).toBe("SELF_ACCESS_CHANGE");
  });

  it("refuses a manager granting admin or manager", () => {
    expect(checkAccessChange({ actor: manager, target: agent, nextRoles: ["admin"], activeAdminCount: 2 })?.code).toBe("ROLE_CEILING");
    expect(checkAccessChange({ actor: manager, target: agent, nextRoles: ["manager"], activeAdminCount: 2 })?.code).toBe("ROLE_CEILING");
    expect(checkAccessChange({ actor: manager, target: agent, nextRoles: ["supervisor", "agent"], activeAdminCount: 2 })).toBeNull();
  });

  it("refuses editing someone who holds a role above what you may grant", () => {
    expect(checkAccessChange({ actor: manager, target: otherAdmin, nextRoles: ["agent"], activeAdminCount: 2 })?.code).toBe("ROLE_CEILING");
    expect(checkRevoke({ actor: manager, target: otherAdmin, activeAdminCount: 2 })?.code).toBe("ROLE_CEILING");
  });

  it("supervisors change no roles and revoke nobody", () => {
    expect(checkAccessChange({ actor: supervisor, target: agent, nextRoles: ["agent"], activeAdminCount: 1 })?.code).toBe("ROLE_CEILING");
    expect(checkRevoke({ actor: supervisor, target: agent, activeAdminCount: 1 })?.code).toBe("ROLE_CEILING");
  });

  it("the last active admin cannot be demoted or revoked; with two admins one can", () => {
    expect(checkAccessChange({ actor: admin, target: otherAdmin, nextRoles: ["manager"], activeAdminCount: 1 })?.code).toBe("LAST_ADMIN");
    expect(checkRevoke({ actor: admin, target: otherAdmin, activeAdminCount: 1 })?.code).toBe("LAST_ADMIN");
    expect(checkAccessChange({ actor: admin, target: otherAdmin, nextRoles: ["manager"], activeAdminCount: 2 })).toBeNull();
    expect(checkRevoke({ actor: admin, target: otherAdmin, activeAdminCount: 2 })).toBeNull();
  });

  it("managers revoke supervisors, agents and viewers", () => {
    expect(checkRevoke({ actor: manager, target: agent, activeAdminCount: 1 })).toBeNull();
    expect(checkRevoke({ actor: manager, target: { ...agent, roles: ["supervisor", "viewer"] }, activeAdminCount: 1 })).toBeNull();
  });

  it("invites stay within the inviter's ceiling and, for supervisors, their own teams", () => {
    expect(checkInvite(supervisor, ["agent"], [TEAM_A])).toBeNull();
    expect(checkInvite(supervisor, ["agent"], [TEAM_B])?.code).toBe("FORBIDDEN");
    expect(checkInvite(supervisor, ["supervisor"], [TEAM_A])?.code).toBe("ROLE_CEILING");
    expect(checkInvite(manager, ["admin"], [TEAM_B])?.code).toBe("ROLE_CEILING");
    expect(checkInvite(manager, ["viewer", "agent"], [TEAM_B])).toBeNull();
    expect(checkInvite(member(["viewer"]), ["agent"], [TEAM_A])?.code).toBe("FORBIDDEN");
    expect(checkInvite(member(["agent"]), ["agent"], [TEAM_A])?.code).toBe("FORBIDDEN");
  });

  it("sets others' presence over their own teams and within the invite ceiling", () => {
    expect(checkSetPresence(supervisor, agent)).toBeNull();
    expect(checkSetPresence(supervisor, { ...agent, teams: [TEAM_B] })?.message).toMatch(/own teams/);
    expect(checkSetPresence(supervisor, otherAdmin)?.message).toMatch(/this role/);
    expect(checkSetPresence(supervisor, { ...agent, roles: ["supervisor"] })?.message).toMatch(/this role/);
    expect(checkSetPresence(manager, { ...agent, roles: ["supervisor", "agent"] })).toBeNull();
    expect(checkSetPresence(manager, otherAdmin)?.code).toBe("FORBIDDEN");
    expect(checkSetPresence(admin, { ...otherAdmin, teams: [TEAM_B] })).toBeNull();
    expect(checkSetPresence(member(["viewer"]), agent)?.code).toBe("FORBIDDEN");
    expect(checkSetPresence(member(["agent"]), agent)?.code).toBe("FORBIDDEN");
  });
});

describe("checkLoginEmailChange (DESIGN.md §5: only an admin changes another person's e-mail)", () => {
  it("security: lets an admin or the person themselves, and nobody else", () => {
    for (const role of ROLES) {
      const actor = member([role]);
      expect(checkLoginEmailChange(actor, actor.userId)).toBeNull();
      const other = checkLoginEmailChange(actor, "someone-else");
      if (role === "admin") expect(other).toBeNull();
      else expect(other?.code).toBe("FORBIDDEN");
    }
    expect(checkLoginEmailChange(member(["manager", "supervisor"]), "someone-else")?.code).toBe("FORBIDDEN");
    expect(checkLoginEmailChange(member(["supervisor", "admin"]), "someone-else")).toBeNull();
  });
});
