import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvitationModel } from "../invitations/invitation.model.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

/** Issue 10, item 9: cookie-carried writes only from our own origin; security headers; no source maps in production. */
const consoleDir = mkdtempSync(join(tmpdir(), "console-dist-"));
writeFileSync(join(consoleDir, "index.html"), "<!doctype html><title>Switchboard</title>");
writeFileSync(join(consoleDir, "app.js"), "console.log(1)\n//# sourceMappingURL=app.js.map");
writeFileSync(join(consoleDir, "app.js.map"), '{"version":3,"sources":["secret.ts"]}');

let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
beforeAll(async () => {
  t = await startTestServer({}, { consoleDir });
  ws = await setUpWorkspace(t.api);
});
afterAll(() => t.close());

function importForm(email: string) {
  const form = new FormData();
  form.append("roles", '["admin"]');
  form.append("teams", JSON.stringify([ws.teamId]));
  form.append("file", new Blob([`name,email\nMallory,${email}\n`], { type: "text/csv" }), "people.csv");
  return form;
}
const importPath = () => `/api/workspaces/${ws.workspaceId}/invitations/import`;

describe("CSRF", () => {
  it("security: refuses a cookie-authenticated multipart import from a foreign origin, and writes nothing", async () => {
    const cookie = `sb_session=${ws.token}`;
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      // Same site, other origin: SameSite=Lax lets the cookie through, so only the origin check stops it.
      { origin: "http://127.0.0.1:1" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const [i, headers] of attempts.entries()) {
      const email = `csrf-${i}@evil.example`;
      const res = await t.api.post(importPath(), undefined, { cookie, headers, raw: importForm(email) });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error.code).toBe("CSRF_REJECTED");
      expect(await InvitationModel.countDocuments({ emailLower: email })).toBe(0);
    }
  });

  it("security: refuses cookie-carried JSON writes from a foreign origin on every unsafe method", async () => {
    const cookie = `sb_session=${ws.token}`;
    const headers = { origin: "https://evil.example" };
    const base = `/api/workspaces/${ws.workspaceId}`;
    const results = [
      await t.api.post(`${base}/teams`, { name: "Evil team" }, { cookie, headers }),
      await t.api.put(`${base}/settings`, { settings: { chatsPerUser: 9 } }, { cookie, headers }),
      await t.api.patch(`${base}/members/${ws.userId}`, { profile: { firstName: "Evil" } }, { cookie, headers }),
      await t.api.delete(`${base}/teams/${ws.teamId}`, { cookie, headers }),
      await t.api.post("/api/auth/logout", undefined, { cookie, headers }),
    ];
    expect(results.map((r) => [r.status, r.body.error?.code])).toEqual(Array(5).fill([403, "CSRF_REJECTED"]));
    expect((await t.api.get("/api/me", { token: ws.token })).status).toBe(200);
  });

  it("lets our own pages write with the cookie (Origin or Sec-Fetch-Site), and bearer clients from anywhere", async () => {
    const cookie = `sb_session=${ws.token}`;
    const sameOrigin = await t.api.post(importPath(), undefined, { cookie, headers: { origin: t.url }, raw: importForm("own-origin@example.com") });
    expect(sameOrigin.status).toBe(200);
    const fetchMeta = await t.api.post(importPath(), undefined, { cookie, headers: { "sec-fetch-site": "same-origin", origin: t.url }, raw: importForm("fetch-meta@example.com") });
    expect(fetchMeta.status).toBe(200);
    // The dock and integrations send a bearer token, which no page can make a browser send.
    const bearer = await t.api.post(importPath(), undefined, { token: ws.token, headers: { origin: "chrome-extension://abcdef" }, raw: importForm("bearer@example.com") });
    expect(bearer.status).toBe(200);
    // Safe methods are never refused.
    expect((await t.api.get("/api/me", { cookie, headers: { origin: "https://evil.example" } })).status).toBe(200);
  });
});

describe("security headers", () => {
  it("security: the console gets a CSP that forbids framing, nosniff and no referrer; no HSTS outside production", async () => {
    for (const path of ["/", "/members", "/api/health"]) {
      const res = await t.api.get(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("security: the chat widget's path may be framed by other sites, with the other headers kept", async () => {
    const res = await t.api.get(`/chat/${ws.workspaceId}/0123456789abcdef01234567`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(csp).toContain("frame-ancestors *");
    expect(res.headers.get("x-frame-options")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("security: production sends HSTS and serves no source maps", async () => {
    const prod = await startTestServer({ env: "production" }, { consoleDir });
    try {
      const res = await prod.api.get("/app.js.map");
      expect(res.status).toBe(404);
      expect(res.text).not.toContain("secret.ts");
      expect((await prod.api.get("/app.js")).status).toBe(200);
      expect((await prod.api.get("/")).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    } finally {
      await prod.close();
    }
  });
});
