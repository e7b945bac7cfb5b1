import { auditFieldLabel, type AuditFilter } from "@switchboard/shared";
import type { Response } from "express";
import type { MemberContext } from "../http/request-context.js";
import { csvLine } from "../members/members-export.js";
import { AuditEventModel } from "./audit-event.model.js";
import { auditMongoFilter, auditPresenter, auditSort } from "./audit-query.js";

// Times in UTC, said so in the header: a file travels between people in different time zones.
const HEADER = ["time (UTC)", "who", "action", "target type", "target", "changes"];

/**
 * Streams the filtered audit log as CSV, newest first, with the same masking and wording as the
 * page; cells a spreadsheet would run as formulas are neutralised by csvLine.
 */
export async function writeAuditCsv(member: MemberContext, filter: AuditFilter, res: Response): Promise<void> {
  const present = await auditPresenter(member);
  res.setHeader("content-type", "text/csv; charset=utf-8");
  res.setHeader("content-disposition", 'attachment; filename="audit.csv"');
  // BOM: Excel otherwise reads UTF-8 names as Latin-1.
  res.write("\uFEFF" + csvLine(HEADER));
  const cursor = AuditEventModel.find(auditMongoFilter(member.workspaceId, filter)).sort(auditSort).lean().cursor();
  for await (const event of cursor) {
    const item = present(event);
    const target = item.target.label ?? item.target.id ?? "";
    res.write(csvLine([item.at, item.actor?.name ?? "System", item.action, auditFieldLabel(item.target.type), target, item.changes.join("; ")]));
  }
  res.end();
}
