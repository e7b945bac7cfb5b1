import type { AuditItem } from "@switchboard/shared";

const show = (value: unknown): string => {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) return value.join(", ") || "none";
  return JSON.stringify(value);
};

export function targetLabel(target: AuditItem["target"]): string {
  const label = target.label ?? target.id;
  return label ? `${target.type}: ${label}` : target.type || "—";
}

/** Field-by-field before → after, listing only what changed. */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (before === undefined && after === undefined) return <span className="muted">—</span>;
  if (!isRecord(before) && !isRecord(after)) {
    return (
      <span className="mono small">
        {show(before)} → {show(after)}
      </span>
    );
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (keys.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="changes">
      {keys.map((key) => (
        <li key={key} className="small">
          <span className="strong">{key}</span>: <span className="mono">{show(b[key])}</span> → <span className="mono">{show(a[key])}</span>
        </li>
      ))}
    </ul>
  );
}
