import { afterAll, beforeAll, expect, it } from "vitest";
import { MembershipModel } from "../members/membership.model.js";
import { addTestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

// Issue 15: "last active" moves with console use, not only with a dock, throttled like a dock's.
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
});
afterAll(() => t.close());

const lastActiveOf = async (userId: string) => (await t.api.get(`/api/workspaces/${ws.workspaceId}/members/${userId}`, { token: ws.token })).body.lastActiveAt as string | null;
const storedLastActive = async (userId: string) => (await MembershipModel.findOne({ workspaceId: ws.workspaceId, userId }).lean())?.lastActiveAt?.toISOString() ?? null;

it("a manager who only uses the console shows as active, and the date is stored", async () => {
  const manager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId], name: "Mia Manager" });
  expect(await storedLastActive(manager.userId)).toBeNull();
  const usedAt = t.clock.now().toISOString();
  expect((await t.api.get(`/api/workspaces/${ws.workspaceId}/members`, { token: manager.token })).status).toBe(200);
  const shown = await lastActiveOf(manager.userId);
  expect(shown).not.toBeNull();
  expect(Date.parse(shown!)).toBeGreaterThanOrEqual(Date.parse(usedAt));
  expect(Date.parse(shown!)).toBeLessThanOrEqual(t.clock.now().getTime());
  // The batched write lands within a second or so.
  await expect.poll(() => storedLastActive(manager.userId), { timeout: 5_000 }).toBe(shown);
});

it("moves at most once per persist interval, then again", async () => {
  const manager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId], name: "Tom Throttle" });
  const members = () => t.api.get(`/api/workspaces/${ws.workspaceId}/members`, { token: manager.token });
  await members();
  const first = await lastActiveOf(manager.userId);
  t.clock.advance(t.deps.config.presencePersistMs - 1_000);
  await members();
  expect(await lastActiveOf(manager.userId)).toBe(first);
  t.clock.advance(1_000);
  await members();
  const later = await lastActiveOf(manager.userId);
  expect(Date.parse(later!) - Date.parse(first!)).toBeGreaterThanOrEqual(t.deps.config.presencePersistMs);
  await expect.poll(() => storedLastActive(manager.userId), { timeout: 5_000 }).toBe(later);
});
