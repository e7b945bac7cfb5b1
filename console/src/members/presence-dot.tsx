import type { PresenceStatus } from "@switchboard/shared";

const LABEL: Record<PresenceStatus, string> = { available: "Available", away: "Away", offline: "Offline" };

/** A member's live status; no status means unknown (not watchable by this user, or not loaded yet). */
export function PresenceDot({ status, reason }: { status?: PresenceStatus; reason?: string }) {
  const label = status ? LABEL[status] + (reason ? ` — ${reason}` : "") : "Presence unknown";
  return (
    <span
      className={`dot dot-${status ?? "unknown"}`}
      data-testid="presence-dot"
      data-status={status ?? "unknown"}
      title={label}
      role="img"
      aria-label={label}
    />
  );
}
