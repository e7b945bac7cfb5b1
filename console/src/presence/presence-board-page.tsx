import { checkSetPresence, reachOf, type Presence, type PresenceStatus } from "@switchboard/shared";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useWorkspace } from "../app/session-context";
import { useResource } from "../lib/use-resource";
import { useTeams } from "../teams/use-teams";
import { Loading } from "../ui/loading";
import { SearchInput } from "../ui/search-input";
import { fetchBoardSettings } from "./presence.api";
import { PresenceTeamGroup } from "./presence-team-group";
import { SetStatusDialog } from "./set-status-dialog";
import { useNow, usePresence } from "./use-presence";
import { CONNECTION_LABEL } from "./presence-socket";
import "./presence.css";

const STATUS_ORDER: Record<PresenceStatus, number> = { available: 0, away: 1, offline: 2 };
const byStatusThenName = (a: Presence, b: Presence) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name);

/** /presence: agents grouped by team, updated live from the /console socket (issue 5). */
export function PresenceBoardPage() {
  const { workspaceId, actor } = useWorkspace();
  const { teams, nameOf } = useTeams();
  const live = usePresence();
  const now = useNow();
  const board = useResource((signal) => fetchBoardSettings(workspaceId, signal), workspaceId);
  const [params, setParams] = useSearchParams();
  const team = params.get("team") ?? "";
  const status = (params.get("status") ?? "") as PresenceStatus | "";
  const [setting, setSetting] = useState<Presence>();
  const [search, setSearch] = useState("");
  const needle = search.trim().toLowerCase();

  const setFilter = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  // Supervisors and managers watch their own teams: an agent's other teams are not their board.
  const ownTeamsOnly = reachOf(actor, "presence.view") === "ownTeams";
  const visibleTeams = teams.filter((t) => !ownTeamsOnly || actor.teams.includes(t.id));
  const groups = useMemo(() => {
    const all = [...live.byUser.values()].filter((p) => (!status || p.status === status) && (!needle || p.name.toLowerCase().includes(needle)));
    return visibleTeams
      .filter((t) => !team || t.id === team)
      .map((t) => ({ team: t, members: all.filter((p) => p.teams.includes(t.id)).sort(byStatusThenName) }))
      .filter((g) => g.members.length > 0);
  }, [live.byUser, visibleTeams, team, status, needle]);
  const everyone = [...live.byUser.values()];

  return (
    <section className="page presence-board" data-testid="presence-board">
      <header className="page-header">
        <h1>Presence</h1>
        <span className={`connection connection-${live.connection}`} data-testid="presence-connection" data-state={live.connection}>
          <span className="connection-dot" aria-hidden="true" /> {CONNECTION_LABEL[live.connection]}
        </span>
        <span className="page-actions presence-summary muted" data-testid="presence-summary">
          {everyone.filter((p) => p.status === "available").length} available · {everyone.filter((p) => p.status === "away").length} away ·{" "}
          {everyone.filter((p) => p.status === "offline").length} offline
        </span>
      </header>
      {live.problem ? (
        <div className="banner banner-error" role="alert" data-testid="presence-problem">
          {live.problem}
        </div>
      ) : null}
      <div className="toolbar">
        <SearchInput placeholder="Search agents by name" label="Search agents" testId="presence-search" value={search} onChange={setSearch} />
        <select aria-label="Team" data-testid="presence-team-filter" value={team} onChange={(e) => setFilter("team", e.target.value)}>
          <option value="">{ownTeamsOnly ? "All my teams" : "All teams"}</option>
          {visibleTeams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <select aria-label="Status" data-testid="presence-status-filter" value={status} onChange={(e) => setFilter("status", e.target.value)}>
          <option value="">All statuses</option>
          <option value="available">Available</option>
          <option value="away">Away</option>
          <option value="offline">Offline</option>
        </select>
      </div>
      {!live.loaded ? (
        live.connection === "refused" || live.connection === "ended" ? null : <Loading label="Connecting to live presence…" />
      ) : groups.length === 0 ? (
        <div className="panel empty" data-testid="presence-empty">
          {everyone.length === 0 ? "No agents to watch yet." : "Nobody matches these filters."}
        </div>
      ) : (
        groups.map((g) => (
          <PresenceTeamGroup
            key={g.team.id}
            teamId={g.team.id}
            teamName={nameOf(g.team.id)}
            members={g.members}
            now={now}
            chatLimitOf={(p) => live.chatLimits[p.userId] ?? null}
            maySet={(p) => p.userId !== actor.userId && checkSetPresence(actor, p) === null}
            onSet={setSetting}
          />
        ))
      )}
      {setting ? (
        <SetStatusDialog
          presence={setting}
          awayReasons={board.data?.awayReasons ?? []}
          onClose={() => setSetting(undefined)}
          onSaved={(next) => {
            live.feed?.upsert(next);
            setSetting(undefined);
          }}
        />
      ) : null}
    </section>
  );
}
