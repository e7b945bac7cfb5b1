import type { Presence } from "@switchboard/shared";
import { useState } from "react";
import { formatDateTime, formatRelative, initialsOf } from "../lib/format";
import { PresenceDot } from "../members/presence-dot";
import { causeText, formatDuration, STATUS_LABEL } from "./presence-format";

interface PresenceTeamGroupProps {
  teamId: string;
  teamName: string;
  members: readonly Presence[];
  now: number;
  /** The member's effective chats per user, when known. */
  chatLimitOf: (presence: Presence) => number | null;
  /** Whether the actor may set this member's status (own teams for supervisors and managers). */
  maySet: (presence: Presence) => boolean;
  onSet: (presence: Presence) => void;
}

/** Rows drawn per team at first and per "Show more": a team of 300+ agents stays quick to draw and to scan. */
const GROUP_PAGE = 50;

const countOf = (members: readonly Presence[], status: Presence["status"]) => members.filter((m) => m.status === status).length;

/** One team's agents on the board: status with reason and cause, activity, time in state, last seen. */
export function PresenceTeamGroup({ teamId, teamName, members, now, chatLimitOf, maySet, onSet }: PresenceTeamGroupProps) {
  const [shown, setShown] = useState(GROUP_PAGE);
  const more = members.length - shown;
  return (
    <section className="panel presence-group" data-testid="presence-team" data-team-id={teamId}>
      <header className="presence-group-header">
        <h2>{teamName}</h2>
        <span className="presence-counts muted small">
          <span>
            <span className="dot dot-available" aria-hidden="true" /> {countOf(members, "available")} available
          </span>
          <span>
            <span className="dot dot-away" aria-hidden="true" /> {countOf(members, "away")} away
          </span>
          <span>
            <span className="dot dot-offline" aria-hidden="true" /> {countOf(members, "offline")} offline
          </span>
        </span>
      </header>
      <table className="table table-compact presence-table">
        <thead>
          <tr>
            <th>Agent</th>
            <th>Status</th>
            <th>On call</th>
            <th>Chats</th>
            <th>Time in state</th>
            <th>Last seen</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {members.slice(0, shown).map((p) => {
            const cause = causeText(p);
            // Someone never connected has no "time offline" worth showing.
            const neverSeen = p.status === "offline" && p.lastSeenAt === null;
            const online = p.status !== "offline";
            return (
              <tr key={p.userId} data-testid="presence-row" data-user-id={p.userId} data-status={p.status} className={online ? undefined : "presence-offline"}>
                <td>
                  <span className="person">
                    <span className="avatar-wrap">
                      <span className="avatar" aria-hidden="true">
                        {initialsOf(p.name)}
                      </span>
                      <PresenceDot status={p.status} reason={p.awayReason} />
                    </span>
                    <span>
                      <span className="strong" data-testid="presence-name">
                        {p.name}
                      </span>
                      {p.devices.length > 1 ? <span className="muted small"> · {p.devices.length} docks</span> : null}
                    </span>
                  </span>
                </td>
                <td data-testid="presence-status">
                  <span className={`status-label status-${p.status}`}>{STATUS_LABEL[p.status]}</span>
                  {p.awayReason ? (
                    <span className="pill pill-reason" data-testid="presence-reason">
                      {p.awayReason === "missed" ? "Missed offer" : p.awayReason}
                    </span>
                  ) : null}
                  {cause ? (
                    <div className="muted small" data-testid="presence-cause">
                      {cause}
                    </div>
                  ) : null}
                </td>
                <td data-testid="presence-on-call">{p.onCall ? <span className="pill pill-call">On call</span> : <span className="muted">—</span>}</td>
                <td data-testid="presence-chats" className="num">
                  {p.activeChats}
                  {chatLimitOf(p) !== null ? <span className="muted">/{chatLimitOf(p)}</span> : null}
                </td>
                <td data-testid="presence-time" className="num" title={`Since ${formatDateTime(p.since)}`}>
                  {neverSeen ? <span className="muted">—</span> : formatDuration(now - new Date(p.since).getTime())}
                </td>
                <td data-testid="presence-last-seen" title={formatDateTime(p.lastSeenAt)}>
                  {online ? <span className="last-active-now">Now</span> : formatRelative(p.lastSeenAt, now)}
                </td>
                <td className="col-actions">
                  {maySet(p) ? (
                    <button type="button" className="btn btn-small" data-testid="presence-set" onClick={() => onSet(p)}>
                      Set status
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {more > 0 ? (
        <div className="pager" data-testid="presence-more">
          <span className="muted" data-testid="presence-more-summary">
            Showing {shown} of {members.length}
          </span>
          <button type="button" className="btn btn-small" data-testid="presence-show-more" onClick={() => setShown(shown + GROUP_PAGE)}>
            Show {Math.min(more, GROUP_PAGE)} more
          </button>
        </div>
      ) : null}
    </section>
  );
}
