import { ROLES } from "@switchboard/shared";
import { useEffect, useState } from "react";
import { capitalize } from "../lib/format";
import type { TeamSummary } from "../teams/teams.api";
import { SearchInput } from "../ui/search-input";

interface MembersFiltersProps {
  q: string;
  team: string;
  role: string;
  teams: readonly TeamSummary[];
  onChange: (next: { q?: string; team?: string; role?: string }) => void;
}

const SEARCH_DELAY_MS = 250;

export function MembersFilters({ q, team, role, teams, onChange }: MembersFiltersProps) {
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
        <option value="">All teams</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <select aria-label="Role" data-testid="members-role-filter" value={role} onChange={(e) => onChange({ role: e.target.value })}>
        <option value="">All roles</option>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {capitalize(r)}
          </option>
        ))}
      </select>
    </div>
  );
}
