import { objectIdSchema } from "@switchboard/shared";
import { Router } from "express";

/**
 * The customer chat widget's page (DESIGN.md §13): `/chat/:workspaceId/:queueId`, built by the
 * console's widget entry into `<consoleDir>/chat/`. Its assets and `/chat/embed.js` are plain
 * static files; this route only maps the ids path to the page. Whether the queue exists is the
 * /visitor handshake's answer, so this never reveals it.
 */
export function chatWidgetRouter(consoleDir: string): Router {
  const router = Router();
  router.get("/chat/:workspaceId/:queueId", (req, res, next) => {
    const ids = [req.params.workspaceId, req.params.queueId];
    if (!ids.every((id) => objectIdSchema.safeParse(id).success)) return next();
    // The page names its assets by hash: it must be re-read on each visit, the assets need not be.
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile("chat/index.html", { root: consoleDir });
  });
  return router;
}
