import type { RequestHandler } from "express";
import type { DatabaseStatus } from "../db/db-watchdog.js";
import { databaseUnavailable } from "./app-error.js";

/**
 * While the watchdog holds the database for down, requests fail at once with 503 instead of
 * waiting out the driver's server selection (10 s) and failing anyway.
 */
export function requireDatabase(status: DatabaseStatus | undefined): RequestHandler {
  return (_req, _res, next) => next(status && !status.isUp() ? databaseUnavailable() : undefined);
}
