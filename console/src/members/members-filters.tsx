import { MemberSort, ROLES } from "@switchboard/shared";
import { useEffect, useState } from "react";
import { capitalize } from "../lib/format";
import type { TeamSummary } from "../teams/teams.api";
import { Options } from "../ui/options";
import { SearchInput } from "../ui/search-input";

interface MembersFiltersProps {
  q: string;
  team: string;
  role: string;
  status: string;
  sort: string;
  teams: readonly TeamSummary[];
  onChange: (next: { q?: string; team?: string; role?: string; status?: string; sort?: string }) => void;
}

const SEARCH_DELAY_MS = 250;

export function MembersFilters({ q, team, role, status, sort, teams, onChange }: MembersFiltersProps) {
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (text === q) return;
    const timer = setTimeout(() => onChange({ q: text }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, q, onChange]);

  return (
    <div className="toolbar">
      <SearchInput placeholder="Search name, e-mail or phone" label="Search members" testId="members-search" value={text} onChange={setText} />
      <select aria-label="Team" data-testid="members-team-filter" value={team} onChange={(e) => onChange({ team: e.target.value })}>
        <Options blank="All teams" choices={teams.map((t) => ({ value: t.id, label: t.name }))} />
      </select>
      <select aria-label="Role" data-testid="members-role-filter" value={role} onChange={(e) => onChange({ role: e.target.value })}>
        <Options blank="All roles" choices={ROLES.map((r) => ({ value: r, label: capitalize(r) }))} />
      </select>
      <select aria-label="Status" data-testid="members-status-filter" value={status} onChange={(e) => onChange({ status: e.target.value })}>
        <option value="">Active</option>
        <option value="revoked">Revoked</option>
      </select>
      <select aria-label="Sort by" data-testid="members-sort" value={sort} onChange={(e) => onChange({ sort: e.target.value })}>
        <option value="">Sort by name</option>
        <option value={MemberSort.lastActive}>Sort by last active</option>
      </select>
    </div>
  );
}
