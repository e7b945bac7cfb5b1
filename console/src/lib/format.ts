/**
 * Dates and relative times in the UI's language (index.html's lang), not the browser's locale, so
 * "3 minutes ago" never sits beside labels in another language; date-times name their time zone.
 */
const UI_LOCALE = (typeof document !== "undefined" && document.documentElement.lang) || "en";
const dateTime = new Intl.DateTimeFormat(UI_LOCALE, { dateStyle: "medium", timeStyle: "short" });
const zone = new Intl.DateTimeFormat(UI_LOCALE, { timeZoneName: "short" });
const date = new Intl.DateTimeFormat(UI_LOCALE, { dateStyle: "medium" });
const relative = new Intl.RelativeTimeFormat(UI_LOCALE, { numeric: "auto" });
/** "CET", "GMT+2", "UTC": dateStyle/timeStyle cannot be combined with timeZoneName, so it is formatted apart. */
const zoneOf = (d: Date) => zone.formatToParts(d).find((part) => part.type === "timeZoneName")?.value ?? "";

const parse = (iso: string | null | undefined) => {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

export const formatDateTime = (iso: string | null | undefined) => {
  const d = parse(iso);
  return d ? `${dateTime.format(d)} ${zoneOf(d)}`.trim() : "—";
};

export const formatDate = (iso: string | null | undefined) => {
  const d = parse(iso);
  return d ? date.format(d) : "—";
};

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Infinity],
];

/** "5 minutes ago", "in 6 days": how admins read last-active and expiry columns. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  const d = parse(iso);
  if (!d) return "Never";
  let value = (d.getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return formatDateTime(iso);
}

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "1 contact", "3 contacts": a count with its noun, for nouns whose plural adds an s. */
export const countOf = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
