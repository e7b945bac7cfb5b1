import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { InvitationModel } from "../invitations/invitation.model.js";

/**
 * Issue 11, acceptance 5: one phone rule. The same inputs go through every route that stores a
 * phone number, and each route reaches the same verdict: the E.164 number it stores, or a 400 at
 * the phone field (or, for a CSV row, the row reported invalid for its phone).
 */
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let agent: TestMember;
let base: string;
let counter = 0;

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  agent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
  base = `/api/workspaces/${ws.workspaceId}`;
});
afterAll(() => t.close());

/** The stored number, or null when refused. */
type Verdict = string | null;

const INPUTS: Array<[input: string, verdict: Verdict]> = [
  ["+1 212 555 0142", "+12125550142"],
  ["+1 (415) 555-0123", "+14155550123"],
  ["+44 20 7183 8750", "+442071838750"],
  ["14155550167", "+14155550167"],
  ["12345", null],
  ["+1 415 555", null],
  ["+99912345678", null],
  ["call me", null],
];

/** A refusal must point at the phone field, so a 400 for another reason cannot pass for one. */
function refusedAt(res: { status: number; body: { error?: { details?: { issues?: Array<{ path: string }> } } } }, path: string): null {
  expect(res.status).toBe(400);
  expect(res.body.error?.details?.issues?.map((issue) => issue.path)).toContain(path);
  return null;
}

const ROUTES: Record<string, (phone: string) => Promise<Verdict>> = {
  async invitation(phone) {
    const email = `phone${++counter}@example.com`;
    const res = await t.api.post(`${base}/invitations`, { invitees: [{ name: "Pat Phone", email, phone }], roles: ["agent"], teams: [ws.teamId] }, { token: ws.token });
    if (res.status !== 200) return refusedAt(res, "invitees.0.phone");
    expect(res.body.results[0].status).toBe("invited");
    return (await InvitationModel.findOne({ emailLower: email }).lean())!.phone ?? "(none)";
  },
  async csvRow(phone) {
    const email = `phone${++counter}@example.com`;
    const form = new FormData();
    form.append("roles", "agent");
    form.append("teams", ws.teamId);
    form.append("file", new Blob([`name;email;phone\nPat Phone;${email};${phone}\n`], { type: "text/csv" }), "people.csv");
    const res = await t.api.post(`${base}/invitations/import`, undefined, { token: ws.token, raw: form });
    expect(res.status).toBe(200);
    const [row] = res.body.results;
    if (row.status === "invalid") {
      expect(row.reason).toMatch(/^phone: /);
      return null;
    }
    expect(row.status).toBe("invited");
    return (await InvitationModel.findOne({ emailLower: email }).lean())!.phone ?? "(none)";
  },
  async contact(phone) {
    const res = await t.api.post(`${base}/contacts`, { name: `Contact ${++counter}`, phone }, { token: ws.token });
    if (res.status !== 201) return refusedAt(res, "phone");
    return res.body.phone;
  },
  async memberEdit(phone) {
    const res = await t.api.patch(`${base}/members/${agent.userId}`, { profile: { phone } }, { token: ws.token });
    if (res.status !== 200) return refusedAt(res, "profile.phone");
    return res.body.phone;
  },
  async settingsForwardTo(phone) {
    const res = await t.api.put(`${base}/settings`, { settings: { forwardTo: phone } }, { token: ws.token });
    if (res.status !== 200) return refusedAt(res, "settings.forwardTo");
    return res.body.settings.forwardTo;
  },
  async settingsCallerId(phone) {
    const res = await t.api.put(`${base}/settings`, { settings: { callerId: { name: "Support", number: phone } } }, { token: ws.token });
    if (res.status !== 200) return refusedAt(res, "settings.callerId.number");
    return res.body.settings.callerId.number;
  },
  async memberSettingsForwardTo(phone) {
    const res = await t.api.put(`${base}/members/${agent.userId}/settings`, { overrides: { forwardTo: phone } }, { token: ws.token });
    if (res.status !== 200) return refusedAt(res, "overrides.forwardTo");
    return res.body.overrides.forwardTo;
  },
};

describe("one phone rule for every route that stores a number", () => {
  it.each(INPUTS)("%j: every route gives %j", async (input, verdict) => {
    const verdicts: Record<string, Verdict> = {};
    for (const [route, send] of Object.entries(ROUTES)) verdicts[route] = await send(input);
    expect(verdicts).toEqual(Object.fromEntries(Object.keys(ROUTES).map((route) => [route, verdict])));
  });
});
