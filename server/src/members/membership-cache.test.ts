import { Types } from "mongoose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/test-server.js";
import { MembershipCache } from "./membership-cache.js";
import { MembershipModel } from "./membership.model.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const workspaceId = String(new Types.ObjectId());

async function insertMember(name: string) {
  const userId = new Types.ObjectId();
  const email = `${name.toLowerCase().replace(/ /g, ".")}@example.com`;
  await MembershipModel.create({ workspaceId, userId, roles: ["agent"], teams: [new Types.ObjectId()], name, nameLower: name.toLowerCase(), emailLower: email });
  return String(userId);
}

const namesIn = async (cache: MembershipCache) => (await cache.active(workspaceId)).map((m) => m.name);

it("keeps a workspace's copy in step one membership at a time, and refreshes it in the background without losing queued changes", async () => {
  let now = 1_000;
  const cache = new MembershipCache({ freshMs: 60_000, now: () => now });
  const bea = await insertMember("Bea Brown");
  const cal = await insertMember("Cal Cole");
  expect(await namesIn(cache)).toEqual(["Bea Brown", "Cal Cole"]);

  // A rename is reread by `_id` and moves to its place in name order.
  await MembershipModel.updateOne({ workspaceId, userId: cal }, { $set: { name: "Abe Cole", nameLower: "abe cole" } });
  cache.reload(workspaceId, cal);
  expect(await namesIn(cache)).toEqual(["Abe Cole", "Bea Brown"]);

  // A member written behind the cache's back is not in the copy, but is still found alone.
  const dan = await insertMember("Dan Dale");
  expect(await namesIn(cache)).toEqual(["Abe Cole", "Bea Brown"]);
  expect((await cache.find(workspaceId, dan))?.name).toBe("Dan Dale");
  // ...and joins the copy once the event for them arrives.
  cache.reload(workspaceId, dan);
  expect(await namesIn(cache)).toEqual(["Abe Cole", "Bea Brown", "Dan Dale"]);

  // lastActiveAt only moves forward.
  cache.touch(workspaceId, bea, new Date("2026-11-23T10:00:00Z"));
  cache.touch(workspaceId, bea, new Date("2026-11-23T09:00:00Z"));
  expect((await cache.find(workspaceId, bea))?.lastActiveAt).toEqual(new Date("2026-11-23T10:00:00Z"));

  // A revoked membership leaves the copy, whether dropped or reread.
  cache.drop(workspaceId, dan);
  expect(await namesIn(cache)).toEqual(["Abe Cole", "Bea Brown"]);
  await MembershipModel.updateOne({ workspaceId, userId: bea }, { $set: { status: "revoked" } });
  cache.reload(workspaceId, bea);
  expect(await namesIn(cache)).toEqual(["Abe Cole"]);

  // Past freshness, reads keep answering from the old copy while a reload runs; a change queued
  // during the reload is replayed on its result.
  const eve = await insertMember("Eve East");
  now += 60_001;
  expect(await namesIn(cache)).toEqual(["Abe Cole"]);
  cache.drop(workspaceId, cal);
  await expect.poll(() => namesIn(cache)).toEqual(["Dan Dale", "Eve East"]);
  expect(await cache.lookup(workspaceId, eve)).not.toBeNull();
  expect(await cache.lookup(workspaceId, cal)).toBeNull();
});

it("lookup asks the database for a workspace nobody has read, without loading it", async () => {
  const cache = new MembershipCache();
  const fay = await insertMember("Fay Fox");
  expect((await cache.lookup(workspaceId, fay))?.name).toBe("Fay Fox");
  // Steps for a workspace that has no copy are no-ops: nothing to keep in step.
  cache.drop(workspaceId, fay);
  expect((await cache.lookup(workspaceId, fay))?.name).toBe("Fay Fox");
});

it("drops the copy of a workspace nobody has read for a while", async () => {
  let now = 1_000;
  const cache = new MembershipCache({ idleMs: 10_000, now: () => now });
  const other = String(new Types.ObjectId());
  await insertMember("Gus Gray");
  const before = await namesIn(cache);
  expect(before).toContain("Gus Gray");
  // Written behind the copy's back: invisible while the copy lives...
  await insertMember("Hal Hunt");
  now += 5_000;
  expect(await namesIn(cache)).toEqual(before);
  // ...and seen once an idle copy was dropped and the workspace loaded afresh.
  now += 10_001;
  await cache.active(other);
  expect(await namesIn(cache)).toContain("Hal Hunt");
});
