/**
 * An audit event's before/after snapshots in words ("Roles: Agent → Agent, Viewer"), with team
 * ids shown as team names. The server computes these once, so the console and the CSV export read
 * the same sentences.
 */

const FIELD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  name: "Name",
  email: "E-mail",
  phone: "Phone",
  username: "Username",
  location: "Location",
  skills: "Skills",
  languages: "Languages",
  roles: "Roles",
  teams: "Teams",
  status: "Status",
  source: "Source",
  restrictions: "Restrictions",
  reassignContactsTo: "Contacts moved to",
  assigneeId: "Assignee",
});

/** Fields whose values are team ids. */
const TEAM_FIELDS = new Set(["teams", "teamId", "team"]);

const humanize = (key: string) => {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[._]/g, " ").toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const auditFieldLabel = (key: string) => FIELD_LABELS[key] ?? humanize(key);

export interface AuditNames {
  /** A team's name by id, undefined when the team is gone (the id is shown then). */
  teamName(id: string): string | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

function show(value: unknown, key: string, names: AuditNames): string {
  if (isEmpty(value)) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (TEAM_FIELDS.has(key)) {
    const ids = Array.isArray(value) ? value : [value];
    return ids.map((id) => names.teamName(String(id)) ?? String(id)).join(", ");
  }
  if (Array.isArray(value)) return value.map((v) => (isRecord(v) ? JSON.stringify(v) : String(v))).join(", ");
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([k, v]) => `${auditFieldLabel(k).toLowerCase()} ${show(v, k, names)}`)
      .join("; ");
  }
  return String(value);
}

/** One sentence per field that changed; an empty list when nothing did. */
export function describeAuditChange(before: unknown, after: unknown, names: AuditNames): string[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (isEmpty(before) && isEmpty(after)) return [];
    return [`${show(before, "", names)} → ${show(after, "", names)}`];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return keys.map((key) => {
    const label = auditFieldLabel(key);
    if (isEmpty(b[key])) return `${label}: ${show(a[key], key, names)}`;
    if (isEmpty(a[key])) return `${label}: ${show(b[key], key, names)} removed`;
    return `${label}: ${show(b[key], key, names)} → ${show(a[key], key, names)}`;
  });
}
