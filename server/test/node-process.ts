/**
 * One Switchboard node in a process of its own, for the multi-node test, the crash test and the benchmark:
 * `node --import tsx server/test/node-process.ts` with MONGODB_URI, DB_NAME, REDIS_URL and
 * optionally PRESENCE_GRACE_MS / PRESENCE_HEARTBEAT_MS, SMTP_URL, MAIL_LEASE_MS, INVITE_LINK_KEY,
 * OPEN_CHATS_PER_ADDRESS (the routing bench's visitors all come from 127.0.0.1), and the SIP front's
 * SIP_SECRET, SIP_WS_URL, KAMAILIO_RPC_URL, KAMAILIO_EVAPI (the SIP load bench). Prints `READY <url>` once listening.
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
import { startBackgroundWork, startServer } from "../src/server.js";
import { startLoopDelayProbe } from "./loop-delay-probe.js";

const env = process.env;
startLoopDelayProbe();
const base = loadConfig({
  NODE_ENV: "test",
  REDIS_URL: env.REDIS_URL,
  SMTP_URL: env.SMTP_URL,
  INVITE_LINK_KEY: env.INVITE_LINK_KEY,
  SIP_SECRET: env.SIP_SECRET,
  SIP_WS_URL: env.SIP_WS_URL,
  KAMAILIO_RPC_URL: env.KAMAILIO_RPC_URL,
  KAMAILIO_EVAPI: env.KAMAILIO_EVAPI,
});
const config = {
  ...base,
  loginAttempts: 100_000,
  ...(env.PRESENCE_GRACE_MS ? { presenceGraceMs: Number(env.PRESENCE_GRACE_MS) } : {}),
  ...(env.PRESENCE_HEARTBEAT_MS ? { presenceHeartbeatMs: Number(env.PRESENCE_HEARTBEAT_MS) } : {}),
  ...(env.OPEN_CHATS_PER_ADDRESS ? { openChatsPerAddress: Number(env.OPEN_CHATS_PER_ADDRESS) } : {}),
};
await connectDatabase(env.MONGODB_URI!, env.DB_NAME!, { severalNodes: Boolean(env.REDIS_URL) });
const logger = pino({ level: env.NODE_LOG ?? "warn" });
const deps = {
  config,
  logger,
  clock: systemClock,
  events: new DomainEvents(),
  mailer: createMailer({ smtpUrl: config.smtpUrl, clock: systemClock, logger, ...(env.MAIL_LEASE_MS ? { leaseMs: Number(env.MAIL_LEASE_MS) } : {}) }),
};
const server = await startServer(deps, Number(env.PORT ?? 0));
config.publicUrl = server.url;
void startBackgroundWork(deps);
process.stdout.write(`READY ${server.url}\n`);

process.on("SIGTERM", () => {
  void server.close().finally(() => process.exit(0));
});
