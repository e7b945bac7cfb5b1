import { Link } from "react-router-dom";

/** The members table's way into one member's Phone, Channel and Dock settings (and restrictions). */
export function MemberSettingsLink({ userId }: { userId: string }) {
  return (
    <Link className="btn btn-small" to={`/members/${encodeURIComponent(userId)}/settings`} data-testid="member-settings-open">
      Settings
    </Link>
  );
}
