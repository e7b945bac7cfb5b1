import { auditFilterSchema, auditQuerySchema } from "@switchboard/shared";
import { Router } from "express";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { writeAuditCsv } from "./audit-export.js";
import { listAudit } from "./audit-query.js";

/** GET /api/workspaces/:ws/audit — newest first, filtered and paged on the server; /audit/export.csv — the same rows as CSV. */
export function auditRouter(): Router {
  const router = Router({ mergeParams: true });
  router.get("/", requirePermission("audit.view"), async (req, res) => {
    const { page, pageSize, ...filter } = auditQuerySchema.parse(req.query);
    res.json(await listAudit(requireMember(req), filter, page, pageSize));
  });
  // Exporting is data export (seed 002: the noDataExport restriction applies), on top of reading the log.
  router.get("/export.csv", requirePermission("audit.view"), requirePermission("data.export"), async (req, res) => {
    await writeAuditCsv(requireMember(req), auditFilterSchema.parse(req.query), res);
  });
  return router;
}
