import { auditFieldLabel, type AuditItem } from "@switchboard/shared";

/** "Member: Alan Agent"; the id only when the event recorded no name. */
export function targetLabel(target: AuditItem["target"]): string {
  const label = target.label ?? target.id;
  const type = auditFieldLabel(target.type);
  return label ? `${type}: ${label}` : type || "—";
}
