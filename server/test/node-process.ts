/**
 * One Switchboard node in a process of its own, for the multi-node test and the benchmark:
 * `node --import tsx server/test/node-process.ts` with MONGODB_URI, DB_NAME, REDIS_URL and
 * optionally PRESENCE_GRACE_MS / PRESENCE_HEARTBEAT_MS. Prints `READY <url>` once listening.
 * With REDIS_URL on FerretDB it refuses to start unless the harness allows a shared embedded
 * database (startNode does; see db/single-node.ts).
 */
import { pino } from "pino";
import { systemClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { connectDatabase } from "../src/db/connect.js";
import "../src/db/models.js";
import { DomainEvents } from "../src/events/domain-events.js";
import { createMailer } from "../src/mail/mailer.js";
import { startServer } from "../src/server.js";

const env = process.env;
const base = loadConfig({ NODE_ENV: "test", REDIS_URL: env.REDIS_URL });
const config = {
  ...base,
  loginAttempts: 100_000,
  ...(env.PRESENCE_GRACE_MS ? { presenceGraceMs: Number(env.PRESENCE_GRACE_MS) } : {}),
  ...(env.PRESENCE_HEARTBEAT_MS ? { presenceHeartbeatMs: Number(env.PRESENCE_HEARTBEAT_MS) } : {}),
};
await connectDatabase(env.MONGODB_URI!, env.DB_NAME!, { severalNodes: Boolean(env.REDIS_URL) });
const deps = {
  config,
  logger: pino({ level: env.NODE_LOG ?? "warn" }),
  clock: systemClock,
  events: new DomainEvents(),
  mailer: createMailer({ smtpUrl: undefined, clock: systemClock }),
};
const server = await startServer(deps, Number(env.PORT ?? 0));
config.publicUrl = server.url;
process.stdout.write(`READY ${server.url}\n`);

process.on("SIGTERM", () => {
  void server.close().finally(() => process.exit(0));
});
