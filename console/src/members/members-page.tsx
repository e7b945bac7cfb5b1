import { useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { MemberSort, type Role } from "@switchboard/shared";
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
import { MembersBulkBar } from "./members-bulk-bar";
import { usePageSelection } from "./use-page-selection";
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
  const status = params.get("status") === "revoked" ? ("revoked" as const) : undefined;
  const sort = params.get("sort") === MemberSort.lastActive ? MemberSort.lastActive : undefined;
  const page = Math.max(1, Number(params.get("page")) || 1);

  const tableFilters = { q, team, role, status, sort };
  const filters = { ...tableFilters, page, pageSize: PAGE_SIZE };
  // Revoked members are changed by nobody; the others only by those who may write in the console.
  const maySelect = allows("console.write") && status !== "revoked";
  const presence = usePresence();
  const [revoking, setRevoking] = useState<MemberRow>();
  const { data, error, loading, reload } = useResource(
    (signal) => listMembers(workspaceId, filters, signal),
    JSON.stringify([workspaceId, filters]),
  );
  const { selected, selection, clear } = usePageSelection(data?.items ?? []);

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
  // A selection belongs to what was on screen: a new page or filter starts afresh.
  useEffect(clear, [clear, filters.q, filters.team, filters.role, filters.status, filters.sort, filters.page]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Members</h1>
        <div className="page-actions">
          {allows("data.export") ? (
            <a className="btn" href={membersExportUrl(workspaceId, tableFilters)} download data-testid="members-export">
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
      <MembersFilters q={q} team={team} role={role} status={status ?? ""} sort={sort ?? ""} teams={teams} onChange={update} />
      <ErrorBanner error={error} />
      {maySelect && selected.length > 0 ? <MembersBulkBar selected={selected} teams={teams} onDone={reload} /> : null}
      <MembersTable
        items={data?.items ?? []}
        teamName={nameOf}
        loading={loading}
        presence={presence.byUser}
        onRevoke={setRevoking}
        selection={maySelect ? selection : undefined}
      />
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
