import { existsSync } from "node:fs";
import { join } from "node:path";
import { deleteExpiredSessions } from "./auth/sessions.service.js";
import { systemClock } from "./clock.js";
import { loadConfig } from "./config.js";
import { connectDatabase } from "./db/connect.js";
import { watchDatabase } from "./db/db-watchdog.js";
import { REPO_ROOT } from "./db/ferretdb-binary.js";
import { startLocalDatabase } from "./db/local-database.js";
import { assertDatabaseForNodes, SingleNodeDatabaseError } from "./db/single-node.js";
import "./db/models.js";
import { DomainEvents } from "./events/domain-events.js";
import { linkCipherFor } from "./invitations/link-cipher.js";
import { expireInvitations } from "./invitations/pending-invitations.service.js";
import { createLogger } from "./logger.js";
import { createMailer } from "./mail/mailer.js";
import { startBackgroundWork, startServer } from "./server.js";
import { startLocalKamailio } from "./sip/local-kamailio.js";
import { isSetUp } from "./setup/setup.service.js";

const config = loadConfig();
// Readable lines for a person running `npm start`; JSON for log collectors in production.
const logger = createLogger(config.logLevel, config.env === "production" ? "json" : "pretty");

const refuseToStart = (err: unknown): never => {
  if (!(err instanceof SingleNodeDatabaseError)) throw err;
  process.stderr.write(`Switchboard refuses to start: ${err.message}\n`);
  process.exit(1);
};
try {
  assertDatabaseForNodes(config);
} catch (err) {
  refuseToStart(err);
}
const database = await startLocalDatabase();
logger.info({ kind: database.kind }, "database ready");
await connectDatabase(database.uri, "switchboard", { severalNodes: Boolean(config.redisUrl) }).catch(refuseToStart);
// Restarts the embedded database when it dies or hangs; with MONGODB_URI it only reports the outage.
const watchdog = watchDatabase({ logger, restart: database.restart ? () => database.restart!() : undefined });
database.onUnexpectedExit?.(() => watchdog.reportDead("the database process exited"));

const consoleDir = join(REPO_ROOT, "console/dist");
const dockDir = join(REPO_ROOT, "extension/build/chrome-mv3-prod");
// Fails fast in production without INVITE_LINK_KEY; creates the development key in .data/ otherwise.
linkCipherFor(config);
const mailer = createMailer({ smtpUrl: config.smtpUrl, clock: systemClock, logger });
if (mailer.kind === "outbox") logger.info("SMTP_URL is not set: e-mails go to the outbox (console: Outbox)");
// Before the server: its SIP routes and revocations need the Kamailio it starts.
const kamailio = await startLocalKamailio(config, logger).catch((err) => {
  logger.warn({ err }, "Kamailio did not start: docks get no SIP account");
  return undefined;
});
const deps = { config, logger, clock: systemClock, events: new DomainEvents(), mailer, database: watchdog };
const server = await startServer(deps, config.port, { ...(existsSync(consoleDir) ? { consoleDir } : {}), dockDir });
const publicUrl = config.publicUrl;
void startBackgroundWork(deps);

logger.info(`Switchboard is running at ${publicUrl}`);
if (!(await isSetUp())) logger.info(`First run: open ${publicUrl}/setup to create your workspace`);

const cleanup = setInterval(() => {
  void deleteExpiredSessions(systemClock).catch(() => {});
  void expireInvitations(systemClock).catch((err) => logger.warn({ err }, "invitation clean-up failed"));
}, 3_600_000);
cleanup.unref();

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down");
    await server.close();
    mailer.stop();
    await kamailio?.stop();
    await watchdog.stop();
    const mongoose = (await import("mongoose")).default;
    await mongoose.disconnect();
    await database.stop();
    process.exit(0);
  });
}
