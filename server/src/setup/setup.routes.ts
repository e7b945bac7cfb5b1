import { setupBodySchema } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { issueSession } from "../auth/issue-session.js";
import { isSetUp, runFirstSetup } from "./setup.service.js";

export function setupRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    res.json({ needed: !(await isSetUp()) });
  });
  router.post("/", async (req, res) => {
    const body = setupBodySchema.parse(req.body);
    const { user, workspace, team } = await runFirstSetup(body, deps);
    const session = await issueSession(res, user, deps);
    res.status(201).json({ ...session, workspace: { id: String(workspace._id) }, team: { id: String(team._id) } });
  });
  return router;
}
