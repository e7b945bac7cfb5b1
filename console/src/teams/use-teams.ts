import { useMemo } from "react";
import { useWorkspace } from "../app/session-context";
import { useResource } from "../lib/use-resource";
import { listTeams, type TeamSummary } from "./teams.api";

export interface Teams {
  teams: TeamSummary[];
  nameOf: (teamId: string) => string;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** The workspace's teams, for filters, pickers and turning team ids into names. */
export function useTeams(): Teams {
  const { workspaceId } = useWorkspace();
  const { data, loading, error, reload } = useResource((signal) => listTeams(workspaceId, signal), workspaceId);
  return useMemo(() => {
    const teams = data?.items ?? [];
    const names = new Map(teams.map((t) => [t.id, t.name]));
    // Until the list has arrived a team is not unknown, only not loaded yet: say so quietly.
    const nameOf = (id: string) => names.get(id) ?? (data ? "Unknown team" : "…");
    return { teams, nameOf, loading, error, reload };
  }, [data, loading, error, reload]);
}
