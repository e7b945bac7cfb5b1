import type { Role } from "@switchboard/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { TeamModel } from "../teams/team.model.js";
import { InvitationModel } from "./invitation.model.js";

/**
 * Issue 10 item 1: a manager read an admin invitation's registration link from the pending
 * table, accepted it and became admin. A link is a grant (DESIGN.md §5): listed, resent or
 * cancelled only by someone who could have sent that invitation. Role by role, shape by shape.
 */

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let teamB: string;

type Shape = { roles: Role[]; teams: ("A" | "B")[] };
const SHAPES: Record<string, Shape> = {
  admin: { roles: ["admin"], teams: ["A"] },
  manager: { roles: ["manager"], teams: ["A"] },
  supervisor: { roles: ["supervisor"], teams: ["A"] },
  "agent-viewer": { roles: ["agent", "viewer"], teams: ["A"] },
  agent: { roles: ["agent"], teams: ["A"] },
  "agent-b": { roles: ["agent"], teams: ["B"] },
  "agent-ab": { roles: ["agent"], teams: ["A", "B"] },
};

/** Who could have sent which shape (DESIGN.md §5 "invite / add members"); every member is in team A. */
const CALLERS: { name: string; roles: Role[]; may: string[] | "none" }[] = [
  { name: "admin", roles: ["admin"], may: Object.keys(SHAPES) },
  { name: "manager", roles: ["manager"], may: ["supervisor", "agent-viewer", "agent", "agent-b", "agent-ab"] },
  { name: "supervisor", roles: ["supervisor"], may: ["agent"] },
  { name: "viewer+supervisor", roles: ["viewer", "supervisor"], may: ["agent"] },
  { name: "supervisor+agent", roles: ["supervisor", "agent"], may: ["agent"] },
  { name: "manager+agent", roles: ["manager", "agent"], may: ["supervisor", "agent-viewer", "agent", "agent-b", "agent-ab"] },
  { name: "viewer", roles: ["viewer"], may: "none" },
  { name: "agent", roles: ["agent"], may: "none" },
];

const base = () => `/api/workspaces/${ws.workspaceId}/invitations`;
const slug = (text: string) => text.replace(/\+/g, "-");
const emailOf = (caller: string, shape: string) => `${slug(caller)}.${shape}@example.com`;

/** Invites, as the admin, one person per shape for this caller; returns each invitation's id and token hash. */
async function inviteEveryShape(caller: string) {
  const ids: Record<string, { id: string; tokenHash: string }> = {};
  for (const [shape, { roles, teams }] of Object.entries(SHAPES)) {
    const email = emailOf(caller, shape);
    const body = { invitees: [{ name: `${caller} ${shape}`, email }], roles, teams: teams.map((team) => (team === "A" ? ws.teamId : teamB)) };
    const res = await t.api.post(base(), body, { token: ws.token });
    expect(res.body.results[0]?.status, `${caller} ${shape}: ${res.text}`).toBe("invited");
    const inv = await InvitationModel.findOne({ emailLower: email }).lean();
    ids[shape] = { id: String(inv!._id), tokenHash: inv!.tokenHash };
  }
  return ids;
}

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  teamB = String((await TeamModel.create({ workspaceId: ws.workspaceId, name: "Tier 2", nameLower: "tier 2" }))._id);
});
afterAll(() => t.close());

describe("invitations a caller could not have sent (DESIGN.md §5: a registration link is a grant)", () => {
  for (const caller of CALLERS) {
    const may = caller.may === "none" ? [] : caller.may;
    const hidden = Object.keys(SHAPES).filter((shape) => !may.includes(shape));

    it(`security: ${caller.name} lists, resends and cancels exactly the invitations they could have sent`, async () => {
      const member = caller.name === "admin" ? { token: ws.token } : await addTestMember(t, ws.workspaceId, { roles: caller.roles, teams: [ws.teamId] });
      const ids = await inviteEveryShape(caller.name);

      const list = await t.api.get(`${base()}?pageSize=200`, { token: member.token });
      if (caller.may === "none") {
        expect(list.status).toBe(403);
      } else {
        expect(list.status).toBe(200);
        const mine = list.body.items.filter((item: { email: string }) => item.email.startsWith(`${slug(caller.name)}.`));
        expect(mine.map((item: { email: string }) => item.email).sort()).toEqual(may.map((shape) => emailOf(caller.name, shape)).sort());
        for (const item of mine) expect(item.link).toMatch(/\/register\/[A-Za-z0-9_-]{43}$/);
        // Nothing of a hidden invitation leaves the server, and the total counts only what is shown.
        for (const shape of hidden) expect(list.text).not.toContain(emailOf(caller.name, shape));
        expect(list.body.total).toBe(list.body.items.length);
      }

      for (const shape of hidden) {
        const { id } = ids[shape]!;
        const resend = await t.api.post(`${base()}/${id}/resend`, undefined, { token: member.token });
        expect(resend.status, `resend ${shape}`).toBe(403);
        expect(resend.text).not.toContain("/register/");
        expect((await t.api.delete(`${base()}/${id}`, { token: member.token })).status, `cancel ${shape}`).toBe(403);
        // Refused means untouched: same link, still pending.
        expect(await InvitationModel.findById(id).lean(), shape).toMatchObject({ status: "pending", tokenHash: ids[shape]!.tokenHash });
      }
      for (const shape of may) {
        const { id, tokenHash } = ids[shape]!;
        const resend = await t.api.post(`${base()}/${id}/resend`, undefined, { token: member.token });
        expect(resend.status, `resend ${shape}`).toBe(200);
        expect((await InvitationModel.findById(id).lean())!.tokenHash).not.toBe(tokenHash);
        expect((await t.api.delete(`${base()}/${id}`, { token: member.token })).status, `cancel ${shape}`).toBe(204);
      }
    });
  }

  it("security: the audit log, which managers and viewers read, carries no registration link or token", async () => {
    const viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] });
    await inviteEveryShape("audited");
    const pending = await t.api.get(`${base()}?pageSize=200`, { token: ws.token });
    const tokens: string[] = pending.body.items.map((item: { link: string }) => item.link.split("/").pop());
    expect(tokens.length).toBeGreaterThanOrEqual(Object.keys(SHAPES).length);
    const log = await t.api.get(`/api/workspaces/${ws.workspaceId}/audit?pageSize=200`, { token: viewer.token });
    expect(log.status).toBe(200);
    expect(log.body.items.some((e: { action: string }) => e.action === "invitation.created")).toBe(true);
    expect(log.text).not.toContain("/register/");
    for (const token of tokens) expect(log.text).not.toContain(token);
  });

  it("security: no link a manager or supervisor can read grants more than they could", async () => {
    const manager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId] });
    const supervisor = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId] });
    await inviteEveryShape("links");
    for (const [member, ceiling] of [[manager, ["supervisor", "viewer", "agent"]], [supervisor, ["agent"]]] as const) {
      const list = await t.api.get(`${base()}?pageSize=200`, { token: member.token });
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const { link } of list.body.items as { link: string }[]) {
        // What the link's owner would become, as the registration page shows it.
        const preview = await t.api.get(`/api/invitations/${link.split("/").pop()}`);
        expect(preview.status).toBe(200);
        for (const role of preview.body.roles as Role[]) expect(ceiling).toContain(role);
      }
    }
  });
});
