import { auditItemSchema, listOf, type AuditItem } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

export type AuditEvent = AuditItem;

export const listAuditEvents = (workspaceId: string, page: number, pageSize: number, signal?: AbortSignal) =>
  api(wsPath(workspaceId, "/audit"), { query: { page, pageSize }, schema: listOf(auditItemSchema), signal });
