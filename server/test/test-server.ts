import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { pino } from "pino";
import { inject } from "vitest";
import type { AppDeps } from "../src/app-deps.js";
import { loadConfig, type Config } from "../src/config.js";
import { connectDatabase } from "../src/db/connect.js";
import "../src/db/models.js";
import { DomainEvents } from "../src/events/domain-events.js";
import { createMailer } from "../src/mail/mailer.js";
import type { CreateAppOptions } from "../src/app.js";
import { startServer, type RunningServer } from "../src/server.js";
import { httpClient, type HttpClient } from "./http-client.js";
import { TestClock } from "./test-clock.js";

export interface TestServer {
  url: string;
  api: HttpClient;
  deps: AppDeps;
  clock: TestClock;
  server: RunningServer;
  dbName: string;
  close(): Promise<void>;
}

/**
 * A real server on a random port, connected to the run's FerretDB through mongoose,
 * with a database of its own so test files can run in parallel.
 */
export async function startTestServer(overrides: Partial<Config> = {}, appOptions: CreateAppOptions = {}, depsOverrides: Partial<AppDeps> = {}): Promise<TestServer> {
  const dbName = `t_${randomBytes(6).toString("hex")}`;
  if (mongoose.connection.readyState === 0) await connectDatabase(inject("mongoUri"), dbName);
  const clock = new TestClock();
  const config: Config = { ...loadConfig({ NODE_ENV: "test" }), loginAttempts: 1_000, inviteLinkKey: randomBytes(32).toString("base64"), ...overrides };
  const mailer = createMailer({ smtpUrl: config.smtpUrl, clock });
  const deps: AppDeps = { config, logger: pino({ level: process.env.TEST_LOG ?? "silent" }), clock, events: new DomainEvents(), mailer, ...depsOverrides };
  const server = await startServer(deps, 0, appOptions);
  config.publicUrl = server.url;
  return {
    url: server.url,
    api: httpClient(server.url),
    deps,
    clock,
    server,
    dbName: mongoose.connection.name,
    async close() {
      await server.close();
      await mongoose.connection.dropDatabase().catch(() => {});
      await mongoose.disconnect();
    },
  };
}

export const ADMIN = Object.freeze({ firstName: "Ada", lastName: "Admin", email: "ada@example.com", password: "correct-horse-1" });

/** Runs first setup and returns the admin's token and the new workspace/team ids. */
export async function setUpWorkspace(api: HttpClient) {
  const res = await api.post("/api/setup", { organization: "Acme", workspace: "Support", team: "Tier 1", admin: ADMIN });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${res.text}`);
  return { token: res.body.token as string, workspaceId: res.body.workspace.id as string, teamId: res.body.team.id as string, userId: res.body.user.id as string };
}
