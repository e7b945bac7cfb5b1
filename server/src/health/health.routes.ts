import { Router } from "express";
import mongoose from "mongoose";

export function healthRouter(): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    try {
      await mongoose.connection.db!.admin().ping();
      res.json({ ok: true, db: "up" });
    } catch {
      res.status(503).json({ ok: false, db: "down" });
    }
  });
  return router;
}
