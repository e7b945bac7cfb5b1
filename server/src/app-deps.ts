import type { Logger } from "pino";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { DatabaseStatus } from "./db/db-watchdog.js";
import type { DomainEvents } from "./events/domain-events.js";
import type { Mailer } from "./mail/mailer.js";

/** Everything the app needs from outside; tests build their own. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  events: DomainEvents;
  mailer: Mailer;
  /** The database watchdog's view; without one (most tests) requests go straight to the database. */
  database?: DatabaseStatus;
}
