import { existsSync } from "node:fs";
import { join } from "node:path";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { AppError } from "../http/app-error.js";
import { buildDockZip, DOCK_ZIP_NAME } from "./dock-package.js";

/**
 * `GET /api/dock/download`: the dock as a zip (dock-package.ts). Public like the console's own
 * files: the extension's code is no secret, and an agent may fetch it before signing in on a
 * second machine. Built on the first request and kept: the build does not change while we run.
 */
export function dockDownloadRouter(deps: Pick<AppDeps, "config">, dockDir: string | undefined): Router {
  const router = Router();
  let zip: Uint8Array | undefined;
  router.get("/download", (_req, res) => {
    if (!dockDir || !existsSync(join(dockDir, "manifest.json"))) {
      throw new AppError("NOT_FOUND", "The dock has not been built on this server; an administrator runs `npm run build -w extension`.");
    }
    zip ??= buildDockZip(dockDir, deps.config.publicUrl);
    res.setHeader("content-type", "application/zip");
    res.setHeader("content-disposition", `attachment; filename="${DOCK_ZIP_NAME}"`);
    res.send(Buffer.from(zip));
  });
  return router;
}
