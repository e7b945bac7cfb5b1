import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { ADMIN, setUpWorkspace, startTestServer } from "../../test/test-server.js";

/** Issue 10, item 4: the sign-in limit is per address and normalized account, and counts failures only. */
describe("sign-in rate limit", () => {
  it("security: padded and upper-case variants of one e-mail share one budget", async () => {
    const t = await startTestServer({ loginAttempts: 5 });
    try {
      const variants = ["agent@example.com", " agent@example.com", "AGENT@example.com", "agent@example.com ", "\tAgent@Example.COM"];
      const statuses: number[] = [];
      for (const email of [...variants, ...variants]) {
        statuses.push((await t.api.post("/api/auth/login", { email, password: "guess-guess-1" })).status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    } finally {
      await t.close();
    }
  });

  it("security: successful sign-ins do not count, so the owner is never locked out by signing in", async () => {
    const t = await startTestServer({ loginAttempts: 3 });
    try {
      await setUpWorkspace(t.api);
      for (let i = 0; i < 8; i++) {
        const res = await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password });
        expect(res.status).toBe(200);
      }
      // The failures still count: three wrong guesses use the budget up.
      for (let i = 0; i < 3; i++) expect((await t.api.post("/api/auth/login", { email: ADMIN.email, password: "wrong-guess-1" })).status).toBe(401);
      const limited = await t.api.post("/api/auth/login", { email: ADMIN.email, password: "wrong-guess-1" });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe("RATE_LIMITED");
    } finally {
      await t.close();
    }
  });

  it("security: X-Forwarded-For is ignored by default, so a client cannot pick a fresh address per guess", async () => {
    const t = await startTestServer({ loginAttempts: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const headers = { "x-forwarded-for": `203.0.113.${i + 1}` };
        statuses.push((await t.api.post("/api/auth/login", { email: "victim@example.com", password: "guess-guess-1" }, { headers })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    } finally {
      await t.close();
    }
  });

  it("believes X-Forwarded-For only from the proxies TRUST_PROXY names", async () => {
    const t = await startTestServer({ loginAttempts: 2, trustProxy: "loopback" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const headers = { "x-forwarded-for": `203.0.113.${i + 1}` };
        statuses.push((await t.api.post("/api/auth/login", { email: "victim@example.com", password: "guess-guess-1" }, { headers })).status);
      }
      // Behind a trusted proxy each client address has its own budget.
      expect(statuses).toEqual([401, 401, 401, 401]);
    } finally {
      await t.close();
    }
  });
});

describe("TRUST_PROXY", () => {
  it("is off unless set, and accepts true, a hop count or addresses", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8" }).trustProxy).toBe("loopback, 10.0.0.0/8");
  });
});
