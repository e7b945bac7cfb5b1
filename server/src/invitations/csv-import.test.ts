import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp-capture.js";
import { ADMIN, setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { AuditEventModel } from "../audit/audit-event.model.js";
import { TeamModel } from "../teams/team.model.js";
import { UserModel } from "../users/user.model.js";
import { InvitationModel } from "./invitation.model.js";

let t: TestServer;
let smtp: SmtpCapture;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let tier2: string;
let supervisor: TestMember;
let viewer: TestMember;
let agent: TestMember;
let manager: TestMember;

const BOM = "\uFEFF";
/** Acceptance 3: BOM, semicolons, valid rows, a duplicate, a member, a pending invitee, a bad e-mail, empty lines, a formula cell. */
const MIXED_FILE = [
  `${BOM}Name;Email;Phone`,
  "Valid One;valid1@example.com;+1 415 555 0101",
  "Valid Two;Valid2@Example.com;",
  "",
  "Dup In File;VALID1@example.com;",
  `Existing Member;${ADMIN.email};`,
  "Pending Person;pending@example.com;",
  "Bad Email;not-an-email;",
  ";;",
  '"=HYPERLINK(""http://evil.example"",""click"")";formula@example.com;',
  '"Quoted; Name";quoted@example.com;+44 20 7946 0958',
  "",
].join("\r\n");

const EXPECTED_FIRST_IMPORT = [
  { row: 2, email: "valid1@example.com", status: "invited" },
  { row: 3, email: "valid2@example.com", status: "invited" },
  { row: 5, email: "valid1@example.com", status: "already_invited", reason: "Duplicate of row 2 in this file." },
  { row: 6, email: ADMIN.email, status: "already_member" },
  { row: 7, email: "pending@example.com", status: "already_invited" },
  { row: 8, email: "not-an-email", status: "invalid", reason: "email: Must be a valid e-mail address" },
  { row: 10, email: "formula@example.com", status: "invalid", reason: "name: Must not start with =, +, -, @ (looks like a spreadsheet formula)" },
  { row: 11, email: "quoted@example.com", status: "invited" },
];

const path = (query = "") => `/api/workspaces/${ws.workspaceId}/invitations/import${query}`;

function upload(token: string, content: string | Buffer, fields: Record<string, string | string[]> = { roles: '["agent"]', teams: JSON.stringify([ws.teamId]) }, query = "") {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  form.append("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)], { type: "text/csv" }), "people.csv");
  return t.api.post(path(query), undefined, { token, raw: form });
}

const strip = (results: Record<string, unknown>[]) => results.map(({ invitationId: _, ...rest }) => rest);
const counts = async () => ({
  invitations: await InvitationModel.countDocuments(),
  audits: await AuditEventModel.countDocuments(),
  mails: smtp.messages.length,
});

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestServer({ smtpUrl: smtp.url });
  ws = await setUpWorkspace(t.api);
  tier2 = String((await TeamModel.create({ workspaceId: ws.workspaceId, name: "Tier 2", nameLower: "tier 2" }))._id);
  supervisor = await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId] });
  viewer = await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] });
  agent = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
  manager = await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId] });
  const pending = await t.api.post(`/api/workspaces/${ws.workspaceId}/invitations`, { invitees: [{ name: "Pending", email: "pending@example.com" }], roles: ["agent"], teams: [ws.teamId] }, { token: ws.token });
  expect(pending.body.results[0].status).toBe("invited");
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe("CSV import: the mixed file of acceptance 3", () => {
  it("previews the exact per-row report with ?dryRun=true and writes nothing", async () => {
    const before = await counts();
    const res = await upload(ws.token, MIXED_FILE, undefined, "?dryRun=true");
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(strip(res.body.results)).toEqual(EXPECTED_FIRST_IMPORT);
    expect(await counts()).toEqual(before);
  });

  it("imports: invites exactly the valid rows, e-mails only them, writes nothing for the others", async () => {
    const before = await counts();
    const res = await upload(ws.token, MIXED_FILE);
    expect(res.status).toBe(200);
    expect(strip(res.body.results)).toEqual(EXPECTED_FIRST_IMPORT);
    const invited = res.body.results.filter((r: { status: string }) => r.status === "invited");
    expect(invited.every((r: { invitationId?: string }) => typeof r.invitationId === "string")).toBe(true);
    const after = await counts();
    expect(after.invitations - before.invitations).toBe(3);
    expect(after.mails - before.mails).toBe(3);
    expect(after.audits - before.audits).toBe(3);
    for (const email of ["formula@example.com", "not-an-email", ADMIN.email]) {
      expect(await InvitationModel.countDocuments({ emailLower: email })).toBe(0);
    }
    expect(await InvitationModel.findOne({ emailLower: "quoted@example.com" }).lean()).toMatchObject({ name: "Quoted; Name", phone: "+442079460958", roles: ["agent"] });
    expect((await InvitationModel.findOne({ emailLower: "valid1@example.com" }).lean())!.phone).toBe("+14155550101");
  });

  it("importing the same file again creates no second invitation", async () => {
    const before = await counts();
    const res = await upload(ws.token, MIXED_FILE);
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries(res.body.results.map((r: { row: number; status: string }) => [r.row, r.status]));
    expect(statuses).toEqual({ 2: "already_invited", 3: "already_invited", 5: "already_invited", 6: "already_member", 7: "already_invited", 8: "invalid", 10: "invalid", 11: "already_invited" });
    expect(await counts()).toEqual(before);
  });

  it("refuses a 12 MB file with 413 and a clear message, writing nothing", async () => {
    const before = await counts();
    const line = "Someone Somebody,someone@example.com,+14155550100\n";
    const big = Buffer.from("name,email,phone\n" + line.repeat(Math.ceil((12 * 1024 * 1024) / line.length)));
    const res = await upload(ws.token, big);
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "The file is larger than 5 MB; split it into smaller files." });
    expect(await counts()).toEqual(before);
  });

  it("refuses more than 10,000 rows", async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => `P ${i},p${i}@example.com`);
    const res = await upload(ws.token, ["name,email", ...rows].join("\n"));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe("The file has 10001 rows; at most 10,000 are allowed per import.");
  });
});

describe("CSV import: columns, encodings and per-row overrides", () => {
  it("reads a comma file without BOM whose roles/teams columns override the file-wide choice", async () => {
    const file = [
      "email,name,roles,teams",
      "r1@example.com,Row Default,,",
      "r2@example.com,Row Override,viewer|agent,tier 2",
      "r3@example.com,Row Bad Role,boss,",
      "r4@example.com,Row Unknown Team,,Nowhere",
      "r5@example.com,Row Too Short",
    ].join("\n");
    const res = await upload(ws.token, file, { roles: "agent", teams: ws.teamId });
    expect(strip(res.body.results)).toEqual([
      { row: 2, email: "r1@example.com", status: "invited" },
      { row: 3, email: "r2@example.com", status: "invited" },
      { row: 4, email: "r3@example.com", status: "invalid", reason: expect.stringMatching(/^roles\.0: /) },
      { row: 5, email: "r4@example.com", status: "invalid", reason: "Unknown team(s): Nowhere." },
      { row: 6, email: "r5@example.com", status: "invalid", reason: "Expected 4 cells, found 2." },
    ]);
    const r2 = await InvitationModel.findOne({ emailLower: "r2@example.com" }).lean();
    expect(r2!.roles).toEqual(["viewer", "agent"]);
    expect(r2!.teams.map(String)).toEqual([tier2]);
    expect((await InvitationModel.findOne({ emailLower: "r1@example.com" }).lean())!.teams.map(String)).toEqual([ws.teamId]);
  });

  it("keeps per-row overrides within what the uploader may grant", async () => {
    const file = ["name,email,roles,teams", "S One,s1@example.com,,", "S Two,s2@example.com,viewer,", "S Three,s3@example.com,,Tier 2"].join("\n");
    const res = await upload(supervisor.token, file, { roles: ["agent"], teams: [ws.teamId] });
    expect(strip(res.body.results)).toEqual([
      { row: 2, email: "s1@example.com", status: "invited" },
      { row: 3, email: "s2@example.com", status: "invalid", reason: "You may only invite: agent." },
      { row: 4, email: "s3@example.com", status: "invalid", reason: "You may only invite into your own teams." },
    ]);
  });

  it("accepts roles as repeated fields, and rows that name their own roles when none is chosen for the file", async () => {
    const file = "name,email,roles,teams\nOwn Roles,own@example.com,supervisor,Tier 1\nNo Roles,noroles@example.com,,Tier 1\n";
    const res = await upload(ws.token, file, {});
    expect(strip(res.body.results)).toEqual([
      { row: 2, email: "own@example.com", status: "invited" },
      { row: 3, email: "noroles@example.com", status: "invalid", reason: "No roles: choose roles for the whole file or fill the roles column." },
    ]);
  });

  it("refuses a file that is not UTF-8, lacks a required column or has an unknown one", async () => {
    const latin1 = Buffer.from("name,email\nJos\xe9,jose@example.com\n", "latin1");
    const cases: [string | Buffer, string][] = [
      [latin1, 'The file must be UTF-8 text (save it as "CSV UTF-8").'],
      ["name,phone\nX,123456\n", "The header row must name the columns name, email; missing: email."],
      ["name,email,emial\nX,x@example.com,\n", "Unknown column(s): emial. Say which column each one is, or ignore it."],
      ["name,email\n", "The file has a header but no rows."],
    ];
    for (const [content, message] of cases) {
      const res = await upload(ws.token, content);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", message, details: { issues: [{ path: "file" }] } });
    }
    expect(await UserModel.countDocuments({ emailLower: "jose@example.com" })).toBe(0);
  });

  it("reads common header synonyms (Full Name, E-mail Address, Mobile) and reports how it read them", async () => {
    const file = "Full Name;E-mail Address;Mobile\nSyn Onym;synonym@example.com;+1 415 555 0199\n";
    const res = await upload(ws.token, file, undefined, "?dryRun=true");
    expect(res.status).toBe(200);
    expect(strip(res.body.results)).toEqual([{ row: 2, email: "synonym@example.com", status: "invited" }]);
    expect(res.body.columns).toEqual([
      { header: "Full Name", column: "name" },
      { header: "E-mail Address", column: "email" },
      { header: "Mobile", column: "phone" },
    ]);
  });

  it("an unknown column is refused with how the header was read, then imported once the mapping names or ignores it", async () => {
    const file = "Agent Login,Display,Notes\nmapped@example.com,Map Ped,likes tea\n";
    const refused = await upload(ws.token, file, undefined, "?dryRun=true");
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.columns).toEqual([
      { header: "Agent Login", column: null },
      { header: "Display", column: null },
      { header: "Notes", column: null },
    ]);
    const mapped = await upload(ws.token, file, { roles: "agent", teams: ws.teamId, columns: '["email","name","ignore"]' });
    expect(mapped.status).toBe(200);
    expect(strip(mapped.body.results)).toEqual([{ row: 2, email: "mapped@example.com", status: "invited" }]);
    expect(await InvitationModel.findOne({ emailLower: "mapped@example.com" }).lean()).toMatchObject({ name: "Map Ped" });
    const wrongLength = await upload(ws.token, file, { roles: "agent", teams: ws.teamId, columns: '["email","name"]' });
    expect(wrongLength.status).toBe(400);
    expect(wrongLength.body.error.message).toBe("The column mapping names 2 columns but the file has 3; choose the file again.");
  });

  it("requires a file", async () => {
    const form = new FormData();
    form.append("roles", "agent");
    const res = await t.api.post(path(), undefined, { token: ws.token, raw: form });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("file");
  });
});

describe("CSV import: who may upload, role by role", () => {
  it("refuses viewers and agents, and a manager choosing admin for the file", async () => {
    const file = "name,email\nZed,zed@example.com\n";
    expect((await upload(viewer.token, file)).status).toBe(403);
    expect((await upload(agent.token, file)).status).toBe(403);
    const res = await upload(manager.token, file, { roles: '["admin"]', teams: JSON.stringify([ws.teamId]) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("ROLE_CEILING");
    expect(await InvitationModel.countDocuments({ emailLower: "zed@example.com" })).toBe(0);
    expect((await upload(manager.token, file, { roles: "supervisor", teams: tier2 })).body.results[0].status).toBe("invited");
  });
});
