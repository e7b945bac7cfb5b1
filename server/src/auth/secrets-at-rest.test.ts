import mongoose from "mongoose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { hashToken } from "./tokens.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

it("security: stores passwords as argon2id hashes and session tokens only hashed", async () => {
  const { token } = await setUpWorkspace(t.api);
  const login = await t.api.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password });
  const db = mongoose.connection.db!;

  const users = await db.collection("users").find().toArray();
  expect(users).toHaveLength(1);
  expect(users[0]!.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
  expect(JSON.stringify(users)).not.toContain(ADMIN.password);

  const sessions = await db.collection("sessions").find().toArray();
  expect(sessions).toHaveLength(2);
  const raw = JSON.stringify(sessions);
  for (const clear of [token, login.body.token]) {
    expect(raw).not.toContain(clear);
    expect(sessions.map((s) => s._id)).toContain(hashToken(clear));
  }
});
