import { mayRevokeMember, type Presence } from "@switchboard/shared";
import type { MouseEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useWorkspace } from "../app/session-context";
import { formatDateTime, formatRelative, initialsOf } from "../lib/format";
import { MemberSettingsLink } from "../member-settings/member-settings-link";
import { RoleBadges } from "../ui/role-badges";
import type { MemberRow } from "./members.api";
import { PresenceDot } from "./presence-dot";
import { EmptyRow } from "../ui/empty-row";

interface MembersTableProps {
  items: readonly MemberRow[];
  teamName: (teamId: string) => string;
  loading: boolean;
  /** Live presence by userId; members missing from it read as unknown once `presenceLoaded`. */
  presence: ReadonlyMap<string, Presence>;
  onRevoke: (member: MemberRow) => void;
  /** Row checkboxes for the bulk actions; left out for readers who may change nobody. */
  selection?: { selected: ReadonlySet<string>; toggle: (userId: string) => void; toggleAll: () => void };
}

/** The later of the stored last-active time and the live last-seen time. */
function lastActiveOf(member: MemberRow, presence: Presence | undefined): string | null {
  const stored = member.lastActiveAt ?? null;
  const seen = presence?.lastSeenAt ?? null;
  if (!stored || !seen) return stored ?? seen;
  return new Date(seen) > new Date(stored) ? seen : stored;
}

/** Clicks on a row open the member, except clicks on the row's own links and buttons. */
const fromControl = (event: MouseEvent) => (event.target as HTMLElement).closest("a, button, input, select") !== null;

export function MembersTable({ items, teamName, loading, presence, onRevoke, selection }: MembersTableProps) {
  const { actor } = useWorkspace();
  const navigate = useNavigate();
  return (
    <table className={loading ? "table table-loading" : "table"} data-testid="members-table" aria-busy={loading}>
      <thead>
        <tr>
          {selection ? (
            <th className="col-check">
              <input
                type="checkbox"
                aria-label="Select every member on this page"
                data-testid="members-select-all"
                checked={items.length > 0 && items.every((m) => selection.selected.has(m.userId))}
                onChange={selection.toggleAll}
              />
            </th>
          ) : null}
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
        {items.map((m) => {
          const live = presence.get(m.userId);
          const online = live !== undefined && live.status !== "offline";
          const lastActive = lastActiveOf(m, live);
          const path = `/members/${encodeURIComponent(m.userId)}`;
          return (
            <tr
              key={m.userId}
              className="row-link"
              data-testid="members-row"
              data-user-id={m.userId}
              data-email={m.email}
              onClick={(e) => !fromControl(e) && navigate(path)}
            >
              {selection ? (
                <td className="col-check">
                  <input type="checkbox" aria-label={`Select ${m.name}`} data-testid="members-select" checked={selection.selected.has(m.userId)} onChange={() => selection.toggle(m.userId)} />
                </td>
              ) : null}
              <td className="col-dot">
                <PresenceDot status={live?.status} reason={live?.awayReason} />
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
              <td className="nowrap" data-testid="members-last-active" title={formatDateTime(lastActive)}>
                {online ? <span className="last-active-now">Online now</span> : formatRelative(lastActive)}
              </td>
              <td>
                <div className="actions">
                  <Link className="btn btn-small" to={path} data-testid="member-edit">
                    Edit
                  </Link>
                  <MemberSettingsLink userId={m.userId} />
                  {mayRevokeMember(actor, m) ? (
                    <button type="button" className="btn btn-small btn-danger-ghost" data-testid="member-revoke" aria-label={`Revoke ${m.name}`} onClick={() => onRevoke(m)}>
                      Revoke
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
          );
        })}
        {items.length === 0 && !loading ? <EmptyRow columns={selection ? 9 : 8} testId="members-empty">No members match these filters.</EmptyRow> : null}
      </tbody>
    </table>
  );
}
