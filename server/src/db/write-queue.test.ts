import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { SessionModel } from "../auth/session.model.js";
import { MembershipModel } from "../members/membership.model.js";
import { writesAreSerialized } from "./write-queue.js";

// DESIGN.md §2: FerretDB v1 rewrites the whole document on every update, so without the write
// queue these races lost one of the two writes in most trials (measured before the fix).
const TRIALS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let t: TestServer;
let admin: Awaited<ReturnType<typeof setUpWorkspace>>;
let supervisor: TestMember;
beforeAll(async () => {
  t = await startTestServer();
  admin = await setUpWorkspace(t.api);
  supervisor = await addTestMember(t, admin.workspaceId, { roles: ["supervisor"], teams: [admin.teamId] });
});
afterAll(() => t.close());

describe("writes to the embedded database", () => {
  it("are serialized in this process when the database is FerretDB", () => {
    expect(writesAreSerialized()).toBe(true);
  });

  it(`reliability: a revoke racing a supervisor's member-settings save ends revoked, ${TRIALS} trials out of ${TRIALS}`, async () => {
    const base = `/api/workspaces/${admin.workspaceId}/members`;
    const outcomes = { revoked: 0, settingsSaved: 0, settingsRefused: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const agent = await addTestMember(t, admin.workspaceId, { roles: ["agent"], teams: [admin.teamId] });
      const save = () => t.api.put(`${base}/${agent.userId}/settings`, { overrideDockSettings: true, overrides: { autoAnswerSeconds: trial % 60 } }, { token: supervisor.token });
      const revoke = () => t.api.post(`${base}/${agent.userId}/revoke`, {}, { token: admin.token });
      // The save reads more before it writes: starting the revoke a few ms later makes the two writes meet.
      const [saved, revoked] = await Promise.all([save(), sleep(trial % 12).then(revoke)]);
      expect(revoked!.status).toBe(200);
      expect([200, 404]).toContain(saved!.status);
      if (saved!.status === 200) outcomes.settingsSaved += 1;
      else outcomes.settingsRefused += 1;
      const stored = await MembershipModel.findOne({ workspaceId: admin.workspaceId, userId: agent.userId }).lean();
      expect(stored?.status, `trial ${trial}`).toBe("revoked");
      expect(await SessionModel.countDocuments({ userId: agent.userId })).toBe(0);
      outcomes.revoked += 1;
    }
    console.info(`revoke racing settings save: ${JSON.stringify(outcomes)} of ${TRIALS} trials`);
    expect(outcomes.revoked).toBe(TRIALS);
  }, 300_000);

  it(`reliability: two concurrent updates of different fields of one membership both stay, ${TRIALS} trials out of ${TRIALS}`, async () => {
    const agent = await addTestMember(t, admin.workspaceId, { roles: ["agent"], teams: [admin.teamId] });
    const filter = { workspaceId: admin.workspaceId, userId: agent.userId };
    let kept = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const lastActiveAt = new Date(Date.UTC(2026, 0, 1, 0, 0, trial));
      const overrides = { autoAnswerSeconds: trial % 60 };
      await Promise.all([
        MembershipModel.updateOne(filter, { $set: { lastActiveAt } }),
        MembershipModel.updateOne(filter, { $set: { settingsOverrides: overrides } }),
      ]);
      const stored = await MembershipModel.findOne(filter).lean();
      expect({ lastActiveAt: stored?.lastActiveAt, overrides: stored?.settingsOverrides }, `trial ${trial}`).toEqual({ lastActiveAt, overrides });
      kept += 1;
    }
    console.info(`concurrent $set of two fields: both kept in ${kept} of ${TRIALS} trials`);
  }, 300_000);
});
