import { afterAll, beforeAll, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { resolveCallReference } from "./call-references.js";

// DESIGN.md §14: the dock gets an opaque address for a contact call or a clicked number; the
// number stays on the server, which alone resolves the address when Kamailio asks.
const sip = { secret: "test-secret-shared-with-kamailio", wsUrl: "ws://127.0.0.1:5066", domain: "127.0.0.1", credentialTtlSeconds: 600 };
const NUMBER = "+442079460958";
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let base: string;
let contactId: string;
let hiddenId: string;
let masked: TestMember;
beforeAll(async () => {
  t = await startTestServer({ sip });
  ws = await setUpWorkspace(t.api);
  base = `/api/workspaces/${ws.workspaceId}`;
  masked = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], restrictions: { maskContactInfo: true } });
  contactId = (await t.api.post(`${base}/contacts`, { name: "Anna Tier", phone: NUMBER, teamId: ws.teamId }, { token: ws.token })).body.id;
  const other = (await t.api.post(`${base}/teams`, { name: "Sales" }, { token: ws.token })).body.id;
  const selfOnly = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
  hiddenId = (await t.api.post(`${base}/contacts`, { name: "Ben Hidden", phone: "+33142685300", teamId: other, assigneeId: selfOnly.userId }, { token: ws.token })).body.id;
});
afterAll(() => t?.close());

const references = (token: string, body: unknown) => t.api.post(`${base}/calls/references`, body, { token });
const userOf = (uri: string) => uri.slice(4, uri.indexOf("@"));

it("security: a masked agent gets an opaque address for a contact, never its number, that resolves only for them", async () => {
  const res = await references(masked.token, { contactId });
  expect(res.status).toBe(201);
  expect(res.body.uri).toMatch(/^sip:ref-[A-Za-z0-9_-]+@127\.0\.0\.1$/);
  expect(res.text).not.toMatch(/2079460958|442079/);
  const now = t.clock.now();
  expect(resolveCallReference(sip.secret, userOf(res.body.uri), masked.userId, now)).toEqual({ workspaceId: ws.workspaceId, userId: masked.userId, number: NUMBER, contactId });
  expect(resolveCallReference(sip.secret, userOf(res.body.uri), ws.userId, now)).toBeNull();
});

it("issues a click-to-call address for a number, normalised to E.164", async () => {
  const res = await references(masked.token, { number: "+44 20 7946 0958" });
  expect(res.status).toBe(201);
  expect(resolveCallReference(sip.secret, userOf(res.body.uri), masked.userId, t.clock.now())?.number).toBe(NUMBER);
});

it("security: refuses a clicked number when click-to-call is off for the member", async () => {
  const member = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
  await t.api.put(`${base}/members/${member.userId}/settings`, { overrideDockSettings: true, overrides: { clickToCall: false } }, { token: ws.token });
  const res = await references(member.token, { number: NUMBER });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe("FORBIDDEN");
  expect((await references(member.token, { contactId })).status).toBe(201);
});

it("security: a contact outside the member's visibility answers 404, and a viewer (no dock) 403", async () => {
  const selfOnly = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], restrictions: { contactVisibility: "selfOnly" } });
  const hidden = await references(selfOnly.token, { contactId: hiddenId });
  expect(hidden.status).toBe(404);
  expect(hidden.body.error.code).toBe("NOT_FOUND");
  const viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] });
  expect((await references(viewer.token, { contactId })).status).toBe(403);
  expect((await t.api.post(`${base}/calls/references`, { contactId })).status).toBe(401);
});

it("refuses bad bodies with 400 and the field path", async () => {
  for (const body of [{}, { number: "12345" }, { contactId: "nope" }, { contactId, number: NUMBER }, { number: NUMBER, extra: 1 }]) {
    const res = await references(masked.token, body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  }
});
