import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ loginAttempts: 5 });
});
afterAll(() => t.close());

describe("first-run setup", () => {
  it("reports that setup is needed before anyone exists", async () => {
    expect((await t.api.get("/api/setup")).body).toEqual({ needed: true });
  });

  it("creates organization, workspace, first team and admin once, then answers 409", async () => {
    const { token, workspaceId, teamId } = await setUpWorkspace(t.api);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await t.api.get("/api/me", { token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(ADMIN.email);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ workspaceId, workspaceName: "Support", roles: ["admin"], teams: [teamId] }),
    ]);
    expect(me.body.memberships[0].permissions["workspace.settings"]).toBe("all");

    const again = await t.api.post("/api/setup", { organization: "X", workspace: "Y", team: "Z", admin: { ...ADMIN, email: "other@example.com" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_SET_UP");
    expect((await t.api.get("/api/setup")).body).toEqual({ needed: false });
  });
});

describe("login and sessions", () => {
  it("returns a token that works as Bearer and as cookie", async () => {
    const login = await t.api.post("/api/auth/login", { email: "ADA@example.com", password: ADMIN.password });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: ADMIN.email });
    const token = login.body.token as string;
    const setCookie = login.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/sb_session=/);
    expect(setCookie.toLowerCase()).toContain("httponly");
    expect(setCookie.toLowerCase()).toContain("samesite=lax");

    expect((await t.api.get("/api/me", { token })).status).toBe(200);
    expect((await t.api.get("/api/me", { cookie: `sb_session=${token}` })).status).toBe(200);
  });

  it("logout makes the token fail with 401, as Bearer and as cookie", async () => {
    const { token } = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body;
    const other = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body.token;
    expect((await t.api.post("/api/auth/logout", undefined, { token })).status).toBe(204);
    const after = await t.api.get("/api/me", { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("UNAUTHENTICATED");
    expect((await t.api.get("/api/me", { cookie: `sb_session=${token}` })).status).toBe(401);
    // Other sessions of the same user live on.
    expect((await t.api.get("/api/me", { token: other })).status).toBe(200);
  });

  it("refuses a wrong password and an unknown account alike", async () => {
    const wrong = await t.api.post("/api/auth/login", { email: ADMIN.email, password: "nope-nope-1" });
    const unknown = await t.api.post("/api/auth/login", { email: "ghost@example.com", password: "nope-nope-1" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it("rate limits repeated sign-in attempts for one account", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await t.api.post("/api/auth/login", { email: "target@example.com", password: "guess-guess-1" })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await t.api.post("/api/auth/login", { email: "target@example.com", password: "guess-guess-1" });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
  });

  it("rejects requests without a session, and expired sessions", async () => {
    expect((await t.api.get("/api/me")).status).toBe(401);
    expect((await t.api.get("/api/me", { token: "x".repeat(43) })).status).toBe(401);
    const { token } = (await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).body;
    t.clock.advance(31 * 86_400_000);
    expect((await t.api.get("/api/me", { token })).status).toBe(401);
  });
});

describe("health", () => {
  it("answers ok with the database up", async () => {
    const res = await t.api.get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: "up" });
  });
});
