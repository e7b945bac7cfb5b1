import type { Restrictions } from "@switchboard/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

let t: TestServer;
let admin: Awaited<ReturnType<typeof setUpWorkspace>>;
let base: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await setUpWorkspace(t.api);
  base = `/api/workspaces/${admin.workspaceId}`;
});
afterAll(() => t.close());

type ManagerRestriction = "noWorkspaceSettings" | "noContactDeletion" | "noDataExport" | "noIntegrations";

/** One request per ⭕ cell of DESIGN.md §5, returning its status for a given token. */
const ATTEMPTS: Record<ManagerRestriction, (token: string) => Promise<number>> = {
  noWorkspaceSettings: async (token) => (await t.api.put(`${base}/settings`, { settings: { chatsPerUser: 2 } }, { token })).status,
  noContactDeletion: async (token) => {
    const contact = await t.api.post(`${base}/contacts`, { name: "To delete" }, { token: admin.token });
    return (await t.api.delete(`${base}/contacts/${contact.body.id}`, { token })).status;
  },
  noDataExport: async (token) => (await t.api.get(`${base}/members/export.csv`, { token })).status,
  noIntegrations: async (token) =>
    (await t.api.post(`${base}/integrations`, { provider: "crm", name: `CRM ${Math.random()}` }, { token })).status,
};
const SUCCESS: Record<ManagerRestriction, number> = { noWorkspaceSettings: 200, noContactDeletion: 204, noDataExport: 200, noIntegrations: 201 };
const RESTRICTIONS = Object.keys(ATTEMPTS) as ManagerRestriction[];

describe("security: manager restrictions (seed 003)", () => {
  it("an unrestricted manager may do all four", async () => {
    const manager = await addTestMember(t, admin.workspaceId, { roles: ["manager"], teams: [admin.teamId] });
    for (const restriction of RESTRICTIONS) expect(await ATTEMPTS[restriction](manager.token)).toBe(SUCCESS[restriction]);
  });

  for (const restriction of RESTRICTIONS) {
    it(`${restriction}: 403 for that action only`, async () => {
      const restrictions: Partial<Restrictions> = { [restriction]: true };
      const manager = await addTestMember(t, admin.workspaceId, { roles: ["manager"], teams: [admin.teamId], restrictions });
      for (const other of RESTRICTIONS) {
        expect(await ATTEMPTS[other](manager.token), other).toBe(other === restriction ? 403 : SUCCESS[other]);
      }
    });
  }

  it("a restriction set on an admin takes nothing away", async () => {
    const all = Object.fromEntries(RESTRICTIONS.map((r) => [r, true]));
    const otherAdmin = await addTestMember(t, admin.workspaceId, { roles: ["admin"], teams: [admin.teamId], restrictions: all });
    for (const restriction of RESTRICTIONS) expect(await ATTEMPTS[restriction](otherAdmin.token)).toBe(SUCCESS[restriction]);
  });
});
