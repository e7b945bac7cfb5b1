import { auditItemSchema, listOf, type AuditFilter, type AuditItem } from "@switchboard/shared";
import { api, withQuery, wsPath } from "../lib/api";

export type AuditEvent = AuditItem;

export const listAuditEvents = (workspaceId: string, filter: AuditFilter, page: number, pageSize: number, signal?: AbortSignal) =>
  api(wsPath(workspaceId, "/audit"), { query: { ...filter, page, pageSize }, schema: listOf(auditItemSchema), signal });

/** The same filters as the page; the server streams every matching row. */
export const auditExportUrl = (workspaceId: string, filter: AuditFilter) => withQuery(wsPath(workspaceId, "/audit/export.csv"), { ...filter });
