import { Link } from "react-router-dom";
import { useWorkspace } from "../app/session-context";

/** The Teams page's way into a team's settings; read-only for those without team settings over it. */
export function TeamSettingsLink({ teamId }: { teamId: string }) {
  const { allows } = useWorkspace();
  return (
    <Link className="btn btn-small" to={`/teams/${encodeURIComponent(teamId)}/settings`} data-testid="team-settings-open">
      {allows("teams.settings", [teamId]) ? "Settings" : "View settings"}
    </Link>
  );
}
