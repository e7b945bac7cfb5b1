import mongoose from "mongoose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { ADMIN, setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { OutboxMessageModel } from "../mail/outbox.model.js";

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let agent: TestMember;
let inviteToken: string;

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  agent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
  await t.api.post(`/api/workspaces/${ws.workspaceId}/invitations`, { invitees: [{ name: "Val", email: "val@example.com" }], roles: ["agent"], teams: [ws.teamId] }, { token: ws.token });
  const mail = await OutboxMessageModel.findOne({ to: "val@example.com" }).lean();
  inviteToken = /\/register\/([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
});
afterAll(() => t.close());

/** Every document in every collection, so "nothing written" covers whatever a route might touch. */
async function snapshot(): Promise<Record<string, number>> {
  const db = mongoose.connection.db!;
  const counts: Record<string, number> = {};
  for (const { name } of await db.listCollections().toArray()) counts[name] = await db.collection(name).countDocuments();
  return counts;
}

interface Case {
  name: string;
  method: "post" | "patch" | "get";
  path: () => string;
  body?: unknown;
  raw?: string;
  token?: () => string;
  /** The field the error must point at. */
  path_: string;
}

const wsPath = (rest: string) => () => `/api/workspaces/${ws.workspaceId}${rest}`;
const invite = { invitees: [{ name: "Ok", email: "ok@example.com" }], roles: ["agent"], teams: [] as string[] };
const inviteWith = (patch: Record<string, unknown>) => ({ ...invite, teams: [ws.teamId], ...patch });
const member = () => `/api/workspaces/${ws.workspaceId}/members/${agent.userId}`;
const admin = () => ws.token;

const CASES: Case[] = [
  { name: "setup: malformed JSON", method: "post", path: () => "/api/setup", raw: '{"organization": "A",', path_: "(root)" },
  { name: "setup: $-key inside admin", method: "post", path: () => "/api/setup", body: { organization: "A", workspace: "B", team: "C", admin: { ...ADMIN, $where: "1" } }, path_: "admin" },
  { name: "login: e-mail as an operator object", method: "post", path: () => "/api/auth/login", body: { email: { $gt: "" }, password: "x" }, path_: "email" },
  { name: "login: unknown field", method: "post", path: () => "/api/auth/login", body: { email: ADMIN.email, password: "x", remember: true }, path_: "(root)" },
  { name: "login: password of the wrong type", method: "post", path: () => "/api/auth/login", body: { email: ADMIN.email, password: 12345 }, path_: "password" },
  { name: "invite: no invitees", method: "post", path: wsPath("/invitations"), body: () => inviteWith({ invitees: [] }), path_: "invitees" },
  { name: "invite: unknown top-level field", method: "post", path: wsPath("/invitations"), body: () => inviteWith({ sendEmail: false }), path_: "(root)" },
  { name: "invite: $-key in an invitee", method: "post", path: wsPath("/invitations"), body: () => inviteWith({ invitees: [{ name: "A", email: "a@example.com", $set: { roles: ["admin"] } }] }), path_: "invitees.0" },
  { name: "invite: unknown role", method: "post", path: wsPath("/invitations"), body: () => inviteWith({ roles: ["owner"] }), path_: "roles.0" },
  { name: "invite: team that is not an id", method: "post", path: wsPath("/invitations"), body: () => inviteWith({ teams: ["Tier 1"] }), path_: "teams.0" },
  { name: "invite: no teams", method: "post", path: wsPath("/invitations"), body: () => inviteWith({ teams: [] }), path_: "teams" },
  { name: "invite: bad e-mail", method: "post", path: wsPath("/invitations"), body: () => inviteWith({ invitees: [{ name: "A", email: "not-an-email" }] }), path_: "invitees.0.email" },
  { name: "invite: phone with letters", method: "post", path: wsPath("/invitations"), body: () => inviteWith({ invitees: [{ name: "A", email: "a@example.com", phone: "call me" }] }), path_: "invitees.0.phone" },
  { name: "invite: body is an array", method: "post", path: wsPath("/invitations"), body: [1, 2], path_: "(root)" },
  { name: "invite: malformed JSON", method: "post", path: wsPath("/invitations"), raw: '{"invitees": [', path_: "(root)" },
  { name: "patch member: roles as a string", method: "patch", path: member, body: { roles: "admin" }, path_: "roles" },
  { name: "patch member: $set at the top", method: "patch", path: member, body: { $set: { roles: ["admin"] } }, path_: "(root)" },
  { name: "patch member: restriction of the wrong type", method: "patch", path: member, body: { restrictions: { maskContactInfo: "yes" } }, path_: "restrictions.maskContactInfo" },
  { name: "patch member: unknown restriction", method: "patch", path: member, body: { restrictions: { canFly: true } }, path_: "restrictions" },
  { name: "patch member: bad profile e-mail", method: "patch", path: member, body: { profile: { email: "nope" } }, path_: "profile.email" },
  { name: "patch member: operator in a profile field", method: "patch", path: member, body: { profile: { firstName: { $ne: null } } }, path_: "profile.firstName" },
  { name: "patch member: empty roles", method: "patch", path: member, body: { roles: [] }, path_: "roles" },
  { name: "revoke: reassign to a non-id", method: "post", path: () => `${member()}/revoke`, body: { reassignContactsTo: "someone" }, path_: "reassignContactsTo" },
  { name: "revoke: reassign as an operator", method: "post", path: () => `${member()}/revoke`, body: { reassignContactsTo: { $ne: null } }, path_: "reassignContactsTo" },
  { name: "accept: weak password", method: "post", path: () => `/api/invitations/${inviteToken}/accept`, body: { firstName: "V", lastName: "L", password: "short1" }, path_: "password" },
  { name: "accept: unknown field", method: "post", path: () => `/api/invitations/${inviteToken}/accept`, body: { firstName: "V", lastName: "L", password: "long-enough-pw-1", roles: ["admin"] }, path_: "(root)" },
  { name: "accept: first name of the wrong type", method: "post", path: () => `/api/invitations/${inviteToken}/accept`, body: { firstName: 7, lastName: "L", password: "long-enough-pw-1" }, path_: "firstName" },
  { name: "members list: page size too large", method: "get", path: wsPath("/members?pageSize=100000"), path_: "pageSize" },
  { name: "members list: bracketed operator in the query", method: "get", path: wsPath("/members?status[$ne]=active"), path_: "(root)" },
  { name: "audit list: page zero", method: "get", path: wsPath("/audit?page=0"), path_: "page" },
];

it(`answers ${CASES.length} malformed requests with 400 VALIDATION_FAILED naming the field, and writes nothing`, async () => {
  expect(CASES.length).toBeGreaterThanOrEqual(20);
  const before = await snapshot();
  for (const c of CASES) {
    const body = typeof c.body === "function" ? (c.body as () => unknown)() : c.body;
    const options = { token: (c.token ?? admin)(), ...(c.raw === undefined ? {} : { raw: c.raw, headers: { "content-type": "application/json" } }) };
    const res =
      c.method === "get" ? await t.api.get(c.path(), options)
      : c.method === "patch" ? await t.api.patch(c.path(), c.raw === undefined ? body : undefined, options)
      : await t.api.post(c.path(), c.raw === undefined ? body : undefined, options);
    expect(res.status, `${c.name}: ${res.text}`).toBe(400);
    expect(res.body.error, c.name).toMatchObject({ code: "VALIDATION_FAILED", message: expect.any(String), details: { issues: expect.any(Array) } });
    const paths = res.body.error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths, c.name).toContain(c.path_);
  }
  expect(await snapshot()).toEqual(before);
});
