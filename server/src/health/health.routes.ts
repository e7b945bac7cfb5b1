import { Router } from "express";
import mongoose from "mongoose";
import type { DatabaseStatus } from "../db/db-watchdog.js";

/**
 * With a watchdog, its state (a real query with a timeout: `ping` keeps answering while FerretDB
 * serves nothing else); without one, a ping.
 */
export function healthRouter(database?: DatabaseStatus): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    try {
      if (database && !database.isUp()) throw new Error("database down");
      if (!database) await mongoose.connection.db!.admin().ping();
      res.json({ ok: true, db: "up" });
    } catch {
      res.status(503).json({ ok: false, db: "down" });
    }
  });
  return router;
}
