import { formatDateTime, formatRelative, initialsOf } from "../lib/format";
import { MemberSettingsLink } from "../member-settings/member-settings-link";
import { RoleBadges } from "../ui/role-badges";
import type { MemberRow } from "./members.api";
import { PresenceDot } from "./presence-dot";

interface MembersTableProps {
  items: readonly MemberRow[];
  teamName: (teamId: string) => string;
  loading: boolean;
}

export function MembersTable({ items, teamName, loading }: MembersTableProps) {
  return (
    <table className={loading ? "table table-loading" : "table"} data-testid="members-table" aria-busy={loading}>
      <thead>
        <tr>
          <th className="col-dot" aria-label="Presence" />
          <th>Name</th>
          <th>E-mail</th>
          <th>Phone</th>
          <th>Roles</th>
          <th>Teams</th>
          <th>Last active</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {items.map((m) => (
          <tr key={m.userId} data-testid="members-row" data-user-id={m.userId} data-email={m.email}>
            <td className="col-dot">
              <PresenceDot />
            </td>
            <td>
              <span className="person">
                <span className="avatar" aria-hidden="true">
                  {initialsOf(m.name)}
                </span>
                <span className="strong">{m.name}</span>
              </span>
            </td>
            <td>{m.email}</td>
            <td className="mono">{m.phone || "—"}</td>
            <td>
              <RoleBadges roles={m.roles} />
            </td>
            <td>{m.teams.map(teamName).join(", ")}</td>
            <td title={formatDateTime(m.lastActiveAt)}>{formatRelative(m.lastActiveAt)}</td>
            <td className="actions">
              <MemberSettingsLink userId={m.userId} />
            </td>
          </tr>
        ))}
        {items.length === 0 && !loading ? (
          <tr>
            <td colSpan={8} className="empty" data-testid="members-empty">
              No members match these filters.
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
