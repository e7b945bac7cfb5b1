import { useCallback, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { Role } from "@switchboard/shared";
import { useWorkspace } from "../app/session-context";
import { useResource } from "../lib/use-resource";
import { useTeams } from "../teams/use-teams";
import { ErrorBanner } from "../ui/error-banner";
import { Pager } from "../ui/pager";
import { listMembers, membersExportUrl } from "./members.api";
import { MembersFilters } from "./members-filters";
import { MembersTable } from "./members-table";
import { usePresence } from "../presence/use-presence";
import { RevokeDialog } from "./revoke-dialog";
import type { MemberRow } from "./members.api";
import "./member-detail.css";

const PAGE_SIZE = 25;

/** Filters live in the URL, so a filtered list can be bookmarked and survives reload. */
export function MembersPage() {
  const { workspaceId, allows } = useWorkspace();
  const { teams, nameOf } = useTeams();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const team = params.get("team") ?? "";
  const role = (params.get("role") ?? "") as Role | "";
  const page = Math.max(1, Number(params.get("page")) || 1);

  const filters = { q, team, role, page, pageSize: PAGE_SIZE };
  const presence = usePresence();
  const [revoking, setRevoking] = useState<MemberRow>();
  const { data, error, loading, reload } = useResource(
    (signal) => listMembers(workspaceId, filters, signal),
    JSON.stringify([workspaceId, filters]),
  );

  const update = useCallback(
    (next: Record<string, string | number>) =>
      setParams(
        (prev) => {
          const merged = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(next)) {
            if (value === "" || value === 1) merged.delete(key);
            else merged.set(key, String(value));
          }
          if (!("page" in next)) merged.delete("page");
          return merged;
        },
        { replace: true },
      ),
    [setParams],
  );

  return (
    <section className="page">
      <header className="page-header">
        <h1>Members</h1>
        <div className="page-actions">
          {allows("data.export") ? (
            <a className="btn" href={membersExportUrl(workspaceId)} download data-testid="members-export">
              Export CSV
            </a>
          ) : null}
          {allows("members.invite") ? (
            <Link className="btn btn-primary" to="/invitations" data-testid="members-invite">
              Invite members
            </Link>
          ) : null}
        </div>
      </header>
      <MembersFilters q={q} team={team} role={role} teams={teams} onChange={update} />
      <ErrorBanner error={error} />
      <MembersTable items={data?.items ?? []} teamName={nameOf} loading={loading} presence={presence.byUser} onRevoke={setRevoking} />
      <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onPage={(p) => update({ page: p })} testId="members-pager" />
      {revoking ? (
        <RevokeDialog
          member={revoking}
          onClose={() => setRevoking(undefined)}
          onRevoked={() => {
            setRevoking(undefined);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
