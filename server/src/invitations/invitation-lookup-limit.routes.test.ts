import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp-capture.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

/**
 * Issue 10 item 5, with the production limits: an office behind one address onboards everyone
 * from their own links, while guessing tokens from that address is throttled.
 */

let t: TestServer;
let smtp: SmtpCapture;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
const production = loadConfig({});
const MINUTE = 60_000;
const NEW_USER = { firstName: "Olli", lastName: "Office", password: "a-strong-pass-9" };
const randomToken = () => randomBytes(32).toString("base64url");

/** Invites `count` people at once and returns the tokens of their e-mailed links. */
async function inviteOffice(prefix: string, count: number): Promise<string[]> {
  const invitees = Array.from({ length: count }, (_, i) => ({ name: `Office ${i}`, email: `${prefix}${i}@example.com` }));
  const res = await t.api.post(`/api/workspaces/${ws.workspaceId}/invitations`, { invitees, roles: ["agent"], teams: [ws.teamId] }, { token: ws.token });
  expect(res.body.results.every((r: { status: string }) => r.status === "invited")).toBe(true);
  return invitees.map(({ email }) => smtp.linksFor(email).at(-1)!.split("/").pop()!);
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  // Every limit as in production (the test server otherwise lifts the sign-in one).
  const { loginAttempts, loginWindowMs, invitationLookupFailures, invitationLookupWindowMs } = production;
  t = await startTestServer({ smtpUrl: smtp.url, loginAttempts, loginWindowMs, invitationLookupFailures, invitationLookupWindowMs });
  ws = await setUpWorkspace(t.api);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe("invitation links from one address (production limits)", () => {
  it("reliability: 50 people behind one address register within a minute, five at a time", async () => {
    const tokens = await inviteOffice("office", 50);
    expect(tokens).toHaveLength(50);
    const statuses: number[] = [];
    for (let i = 0; i < tokens.length; i += 5) {
      const batch = tokens.slice(i, i + 5);
      const results = await Promise.all(
        batch.map(async (token) => [(await t.api.get(`/api/invitations/${token}`)).status, (await t.api.post(`/api/invitations/${token}/accept`, NEW_USER)).status]),
      );
      statuses.push(...results.flat());
      t.clock.advance(MINUTE / 10 / 2);
    }
    expect(statuses).toEqual(Array(100).fill(200));
    // Fifty argon2id hashes on a shared test machine: time is what the test clock says, not the wall.
  }, 240_000);

  it("security: 20 guesses of random tokens from one address are throttled with 429 RATE_LIMITED", async () => {
    const [valid] = await inviteOffice("after-guessing", 1);
    const answers: { status: number; code?: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const res = i % 2 === 0 ? await t.api.get(`/api/invitations/${randomToken()}`) : await t.api.post(`/api/invitations/${randomToken()}/accept`, NEW_USER);
      answers.push({ status: res.status, code: res.body.error?.code });
    }
    const limit = production.invitationLookupFailures;
    expect(answers.slice(0, limit).every((a) => a.status === 404)).toBe(true);
    expect(answers.slice(limit)).toEqual(Array(20 - limit).fill({ status: 429, code: "RATE_LIMITED" }));
    // Blocked means blocked: a valid link from that address now would tell a guesser it is valid.
    const blocked = await t.api.get(`/api/invitations/${valid}`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    t.clock.advance(production.invitationLookupWindowMs);
    expect((await t.api.get(`/api/invitations/${valid}`)).status).toBe(200);
  });

  it("security: malformed, used and expired tokens count as failures too", async () => {
    const [expired] = await inviteOffice("expired", 1);
    t.clock.advance(8 * 86_400_000); // past the invitation's 7 days, and past any earlier window
    const [used] = await inviteOffice("used", 1);
    expect((await t.api.post(`/api/invitations/${used}/accept`, NEW_USER)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.api.get("/api/invitations/not-a-token")).status);
    for (let i = 0; i < 3; i++) statuses.push((await t.api.post(`/api/invitations/${used}/accept`, NEW_USER)).status);
    for (let i = 0; i < 5; i++) statuses.push((await t.api.post(`/api/invitations/${expired}/accept`, NEW_USER)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 409, 409, 409, 410, 410, 410, 429, 429]);
  });

  it("reliability: mistakes with a valid link (a short password, twenty times) never use up the budget", async () => {
    t.clock.advance(production.invitationLookupWindowMs);
    const [token] = await inviteOffice("typo", 1);
    for (let i = 0; i < 20; i++) {
      const res = await t.api.post(`/api/invitations/${token}/accept`, { ...NEW_USER, password: "short" });
      expect(res.status).toBe(400);
    }
    expect((await t.api.post(`/api/invitations/${token}/accept`, NEW_USER)).status).toBe(200);
  });
});
