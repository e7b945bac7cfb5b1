export type PresenceStatus = "available" | "away" | "offline";

const LABEL: Record<PresenceStatus, string> = { available: "Available", away: "Away", offline: "Offline" };

/** Live once the presence issue feeds it; until then every member reads as offline. */
export function PresenceDot({ status = "offline" }: { status?: PresenceStatus }) {
  return (
    <span className={`dot dot-${status}`} data-testid="presence-dot" data-status={status} title={LABEL[status]} role="img" aria-label={LABEL[status]} />
  );
}
