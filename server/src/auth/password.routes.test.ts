import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, disconnection, nextEvent, sleep, type ClientSocket } from "../../test/realtime-fixtures.js";
import { addTestMember } from "../../test/member-fixtures.js";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp-capture.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { UserModel } from "../users/user.model.js";
import { PasswordResetModel } from "./password-reset.model.js";
import { hashPassword } from "./passwords.js";
import { hashToken } from "./tokens.js";

/** Issue 10, item 11 (d): password change and forgot-password (DESIGN.md §5, §12). */
let t: TestServer;
let smtp: SmtpCapture;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
const open: ClientSocket[] = [];

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestServer({ smtpUrl: smtp.url, loginAttempts: 8 });
  ws = await setUpWorkspace(t.api);
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await t.close();
  await smtp.close();
});

/** An agent who signs in with a password (fixtures skip passwords), with two sessions. */
async function agentWithPassword(password: string) {
  const member = await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] });
  await UserModel.updateOne({ _id: member.userId }, { $set: { passwordHash: await hashPassword(password) } });
  const signIn = async (pw = password) => t.api.post("/api/auth/login", { email: member.email, password: pw });
  const first = (await signIn()).body.token as string;
  const second = (await signIn()).body.token as string;
  return { ...member, first, second, signIn };
}

const dock = async (token: string) => {
  const socket = await connect(t.url, "/dock", { token, workspaceId: ws.workspaceId });
  open.push(socket);
  return socket;
};

const resetLinksFor = (email: string) =>
  smtp.messages.filter((m) => m.to.includes(email)).flatMap((m) => m.decoded.match(/https?:\/\/[^\s"<>]+\/reset-password\/[A-Za-z0-9_-]{43}/g) ?? []);

async function resetLinkFor(email: string, count = 1): Promise<string> {
  await expect.poll(() => new Set(resetLinksFor(email)).size, { timeout: 5_000 }).toBe(count);
  return [...new Set(resetLinksFor(email))].at(-1)!;
}
const tokenOf = (link: string) => link.split("/").at(-1)!;

describe("POST /api/auth/password (change own password)", () => {
  it("security: refuses a wrong current password with a field error, and changes nothing", async () => {
    const agent = await agentWithPassword("old-password-1");
    const res = await t.api.post("/api/auth/password", { currentPassword: "not-it-at-all-1", newPassword: "new-password-2" }, { token: agent.first });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [expect.objectContaining({ path: "currentPassword" })] } });
    expect((await agent.signIn("old-password-1")).status).toBe(200);
    expect((await t.api.get("/api/me", { token: agent.second })).status).toBe(200);
  });

  it("refuses a weak new password, unknown fields and a missing session", async () => {
    const agent = await agentWithPassword("old-password-1");
    const weak = await t.api.post("/api/auth/password", { currentPassword: "old-password-1", newPassword: "short" }, { token: agent.first });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.issues[0].path).toBe("newPassword");
    const extra = await t.api.post("/api/auth/password", { currentPassword: "old-password-1", newPassword: "new-password-2", userId: ws.userId }, { token: agent.first });
    expect(extra.status).toBe(400);
    expect((await t.api.post("/api/auth/password", { currentPassword: "old-password-1", newPassword: "new-password-2" })).status).toBe(401);
  });

  it("security: changes the password, ends the user's other sessions and their sockets, and keeps this one", async () => {
    const agent = await agentWithPassword("old-password-1");
    const mine = await dock(agent.first);
    const other = await dock(agent.second);
    const ended = nextEvent(other, "session:revoked");
    const gone = disconnection(other);

    const res = await t.api.post("/api/auth/password", { currentPassword: "old-password-1", newPassword: "new-password-2" }, { token: agent.first });
    expect(res.status).toBe(204);
    expect(await ended).toEqual({ reason: "password_changed" });
    expect(await gone).toBe("io server disconnect");
    expect((await t.api.get("/api/me", { token: agent.second })).status).toBe(401);
    expect((await t.api.get("/api/me", { token: agent.first })).status).toBe(200);
    await sleep(300);
    expect(mine.connected).toBe(true);
    expect((await agent.signIn("old-password-1")).status).toBe(401);
    expect((await agent.signIn("new-password-2")).status).toBe(200);
  });
});

describe("forgot password", () => {
  it("security: answers an unknown e-mail exactly as a known one, and mails only the account", async () => {
    const agent = await agentWithPassword("old-password-1");
    const known = await t.api.post("/api/auth/password-reset", { email: ` ${agent.email.toUpperCase()} ` });
    const unknown = await t.api.post("/api/auth/password-reset", { email: "nobody-here@example.com" });
    expect([known.status, known.text]).toEqual([unknown.status, unknown.text]);
    expect(known.status).toBe(202);
    const link = await resetLinkFor(agent.email);
    expect(link.startsWith(`${t.url}/reset-password/`)).toBe(true);
    await sleep(300);
    expect(smtp.messages.filter((m) => m.to.includes("nobody-here@example.com"))).toEqual([]);
    // Stored as its sha-256 only: the token itself is nowhere in the database.
    const stored = await PasswordResetModel.find({ userId: agent.userId }).lean();
    expect(stored.map((r) => r._id)).toEqual([hashToken(tokenOf(link))]);
    expect(JSON.stringify(stored)).not.toContain(tokenOf(link));
  });

  it("security: a link sets the password once, ends every session and socket, and is refused the second time", async () => {
    const agent = await agentWithPassword("old-password-1");
    const socket = await dock(agent.first);
    const ended = nextEvent(socket, "session:revoked");
    await t.api.post("/api/auth/password-reset", { email: agent.email });
    const token = tokenOf(await resetLinkFor(agent.email));

    const weak = await t.api.post(`/api/auth/password-reset/${token}`, { newPassword: "weak" });
    expect(weak.status).toBe(400);
    const used = await t.api.post(`/api/auth/password-reset/${token}`, { newPassword: "reset-password-3" });
    expect(used.status).toBe(204);
    expect(await ended).toEqual({ reason: "password_changed" });
    await disconnection(socket);
    for (const session of [agent.first, agent.second]) expect((await t.api.get("/api/me", { token: session })).status).toBe(401);
    expect((await agent.signIn("old-password-1")).status).toBe(401);
    expect((await agent.signIn("reset-password-3")).status).toBe(200);

    const again = await t.api.post(`/api/auth/password-reset/${token}`, { newPassword: "another-password-4" });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe("RESET_LINK_INVALID");
    expect((await agent.signIn("reset-password-3")).status).toBe(200);
  });

  it("security: refuses an expired link and an unknown one alike", async () => {
    const agent = await agentWithPassword("old-password-1");
    await t.api.post("/api/auth/password-reset", { email: agent.email });
    const token = tokenOf(await resetLinkFor(agent.email));
    t.clock.advance(61 * 60_000);
    const expired = await t.api.post(`/api/auth/password-reset/${token}`, { newPassword: "reset-password-3" });
    const unknown = await t.api.post(`/api/auth/password-reset/${"x".repeat(43)}`, { newPassword: "reset-password-3" });
    expect([expired.status, expired.body.error.code]).toEqual([410, "RESET_LINK_INVALID"]);
    expect(unknown.body).toEqual(expired.body);
    expect((await agent.signIn("old-password-1")).status).toBe(200);
  });

  it("security: changing the password voids reset links still pending", async () => {
    const agent = await agentWithPassword("old-password-1");
    await t.api.post("/api/auth/password-reset", { email: agent.email });
    const token = tokenOf(await resetLinkFor(agent.email));
    expect((await t.api.post("/api/auth/password", { currentPassword: "old-password-1", newPassword: "new-password-2" }, { token: agent.first })).status).toBe(204);
    expect((await t.api.post(`/api/auth/password-reset/${token}`, { newPassword: "reset-password-3" })).status).toBe(410);
  });

  it("security: rate limits reset requests per address and account, known or not", async () => {
    for (const email of ["limited-unknown@example.com", ` ${(await agentWithPassword("old-password-1")).email} `]) {
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) statuses.push((await t.api.post("/api/auth/password-reset", { email })).status);
      expect(statuses).toEqual([...Array(8).fill(202), 429]);
    }
  });

  it("refuses a malformed e-mail or token with a field error", async () => {
    const bad = await t.api.post("/api/auth/password-reset", { email: "not-an-email" });
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, "email"]);
    expect((await t.api.post("/api/auth/password-reset/short", { newPassword: "reset-password-3" })).status).toBe(400);
  });
});
