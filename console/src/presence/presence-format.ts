import type { Presence, PresenceStatus } from "@switchboard/shared";

export const STATUS_LABEL: Record<PresenceStatus, string> = { available: "Available", away: "Away", offline: "Offline" };

const AUTOMATIC_CAUSE: Record<string, string> = {
  missed: "after a missed offer",
  disconnected: "dock disconnected",
  idle: "idle",
  revoked: "access revoked",
};

/** Why the status is what it is (DESIGN.md §8: presence explains itself); nothing when the agent chose it. */
export function causeText(presence: Pick<Presence, "cause" | "userId">): string | null {
  const { cause } = presence;
  if (!cause) return null;
  if (typeof cause === "string") return AUTOMATIC_CAUSE[cause] ?? cause;
  return cause.by.userId === presence.userId ? null : `set by ${cause.by.name}`;
}

/** "45s", "12m 05s", "3h 07m", "2d 4h": how long someone has been in their state. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}
