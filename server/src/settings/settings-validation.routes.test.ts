import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

let t: TestServer;
let admin: Awaited<ReturnType<typeof setUpWorkspace>>;
let base: string;

const BASELINE = { chatsPerUser: 2, forwardTo: "+14155550167", autoAnswerSeconds: 5 };

beforeAll(async () => {
  t = await startTestServer();
  admin = await setUpWorkspace(t.api);
  base = `/api/workspaces/${admin.workspaceId}`;
  expect((await t.api.put(`${base}/settings`, { settings: BASELINE }, { token: admin.token })).status).toBe(200);
});
afterAll(() => t.close());

/** Each bad value sits beside a valid change, so "nothing saved" also covers the valid part. */
const BAD_SETTINGS: Array<[string, Record<string, unknown>, string]> = [
  ["forwardTo with symbols that are not formatting", { forwardTo: "+1 415/555#0167" }, "forwardTo"],
  ["forwardTo with letters", { forwardTo: "+1415CALLNOW" }, "forwardTo"],
  ["forwardTo too short for its country", { forwardTo: "+1415555" }, "forwardTo"],
  ["forwardTo with an unknown country code", { forwardTo: "+99912345678" }, "forwardTo"],
  ["forwardTo empty", { forwardTo: "" }, "forwardTo"],
  ["callerId with a bad number", { callerId: { name: "Sales", number: "+1 415 555" } }, "callerId.number"],
  ["callerId without a name", { callerId: { number: "+14155550167" } }, "callerId.name"],
  [
    "two local presence caller IDs for one country code",
    { localPresenceCallerIds: [{ countryCode: "1", number: "+14155550167" }, { countryCode: "1", number: "+12125550123" }] },
    "localPresenceCallerIds.1.countryCode",
  ],
  ["a local presence number of another country", { localPresenceCallerIds: [{ countryCode: "44", number: "+14155550167" }] }, "localPresenceCallerIds.0.number"],
  ["a local presence country code that is not digits", { localPresenceCallerIds: [{ countryCode: "US", number: "+14155550167" }] }, "localPresenceCallerIds.0.countryCode"],
  ["6 chats per user", { chatsPerUser: 6 }, "chatsPerUser"],
  ["0 chats per user", { chatsPerUser: 0 }, "chatsPerUser"],
  ["fractional chats per user", { chatsPerUser: 2.5 }, "chatsPerUser"],
  ["chats per user as text", { chatsPerUser: "3" }, "chatsPerUser"],
  ["61 s auto answer", { autoAnswerSeconds: 61 }, "autoAnswerSeconds"],
  ["negative auto answer", { autoAnswerSeconds: -1 }, "autoAnswerSeconds"],
  ["unknown channel", { channel: "fax" }, "channel"],
  ["unknown phone endpoint", { phoneEndpoints: "desk-phone" }, "phoneEndpoints"],
  ["voicemail drop on without a recording", { voicemailDrop: { enabled: true, recordingId: null } }, "voicemailDrop.recordingId"],
  ["a SIP URL that is not a WebSocket", { sipWebSocketUrl: "http://sip.example.com" }, "sipWebSocketUrl"],
  ["a boolean field as text", { callRecording: "yes" }, "callRecording"],
  ["an unknown field", { colour: "blue" }, ""],
];

describe("settings validation (DESIGN.md §6)", () => {
  for (const [label, bad, field] of BAD_SETTINGS) {
    const path = field ? `settings.${field}` : "settings";
    it(`refuses ${label} with 400 at ${path} and saves nothing`, async () => {
      const before = (await t.api.get(`${base}/settings`, { token: admin.token })).body;
      const res = await t.api.put(`${base}/settings`, { settings: { ...BASELINE, chatsPerUser: 4, ...bad } }, { token: admin.token });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(path);
      expect((await t.api.get(`${base}/settings`, { token: admin.token })).body).toEqual(before);
    });
  }

  it("refuses an unknown lock field and duplicate away reasons with their paths", async () => {
    const before = (await t.api.get(`${base}/settings`, { token: admin.token })).body;
    const lock = await t.api.put(`${base}/settings`, { settings: BASELINE, locks: ["colour"] }, { token: admin.token });
    expect(lock.status).toBe(400);
    expect(lock.body.error.details.issues[0].path).toBe("locks.0");
    const reasons = await t.api.put(`${base}/settings`, { settings: BASELINE, awayReasons: ["Lunch", "lunch"] }, { token: admin.token });
    expect(reasons.status).toBe(400);
    expect(reasons.body.error.details.issues[0].path).toBe("awayReasons");
    expect((await t.api.get(`${base}/settings`, { token: admin.token })).body).toEqual(before);
  });

  it("accepts boundary values and stores numbers in E.164", async () => {
    const good = {
      // Issue 11: the one phone rule takes spaces, dashes and brackets on input.
      forwardTo: "1 (415) 555-0167",
      callerId: { name: "Support", number: "+442079460958" },
      localPresenceCallerIds: [{ countryCode: "1", number: "+14155550167" }, { countryCode: "44", number: "+442079460958" }],
      chatsPerUser: 5,
      autoAnswerSeconds: 60,
      channel: "chat",
      phoneEndpoints: "external",
      voicemailDrop: { enabled: true, recordingId: "rec-7" },
    };
    const res = await t.api.put(`${base}/settings`, { settings: good }, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual({ ...good, forwardTo: "+14155550167" });
    const zero = await t.api.put(`${base}/settings`, { settings: { chatsPerUser: 1, autoAnswerSeconds: 0 } }, { token: admin.token });
    expect(zero.body.settings).toEqual({ chatsPerUser: 1, autoAnswerSeconds: 0 });
    await t.api.put(`${base}/settings`, { settings: BASELINE }, { token: admin.token });
  });

  it("validates team settings and member overrides with the same rules and their own paths", async () => {
    const teamBefore = (await t.api.get(`${base}/teams/${admin.teamId}`, { token: admin.token })).body;
    const team = await t.api.patch(`${base}/teams/${admin.teamId}`, { settings: { autoAnswerSeconds: 61 } }, { token: admin.token });
    expect(team.status).toBe(400);
    expect(team.body.error.details.issues[0].path).toBe("settings.autoAnswerSeconds");
    expect((await t.api.get(`${base}/teams/${admin.teamId}`, { token: admin.token })).body).toEqual(teamBefore);

    const memberUrl = `${base}/members/${admin.userId}/settings`;
    const memberBefore = (await t.api.get(memberUrl, { token: admin.token })).body;
    const member = await t.api.put(memberUrl, { overrideDockSettings: true, overrides: { chatsPerUser: 6, forwardTo: "+14155550167" } }, { token: admin.token });
    expect(member.status).toBe(400);
    expect(member.body.error.details.issues[0].path).toBe("overrides.chatsPerUser");
    const badNumber = await t.api.put(memberUrl, { overrides: { forwardTo: "+1-415-555" } }, { token: admin.token });
    expect(badNumber.body.error.details.issues[0].path).toBe("overrides.forwardTo");
    expect((await t.api.get(memberUrl, { token: admin.token })).body).toEqual(memberBefore);
  });
});
