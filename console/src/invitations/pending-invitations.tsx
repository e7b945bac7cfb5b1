import { INVITATION_TTL_DAYS } from "@switchboard/shared";
import { useState } from "react";
import { useDebounced } from "../lib/use-debounced";
import { useResource } from "../lib/use-resource";
import { Pager } from "../ui/pager";
import { SearchInput } from "../ui/search-input";
import { useWorkspace } from "../app/session-context";
import { formatDate, formatRelative } from "../lib/format";
import type { Resource } from "../lib/use-resource";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorBanner } from "../ui/error-banner";
import { RoleBadges } from "../ui/role-badges";
import { useTeams } from "../teams/use-teams";
import { cancelInvitation, listInvitations, resendInvitation, type PendingInvitation } from "./invitations.api";
import { CopyButton } from "./copy-button";
import { EmptyRow } from "../ui/empty-row";
import { EditInvitationDialog } from "./edit-invitation-dialog";

type Listing = Resource<{ items: PendingInvitation[]; total: number }>;

const PAGE_SIZE = 25;

/**
 * The pending list pages and searches on the server (issue 15: after a 10,000-row import the
 * newest 50 were all one could reach). The page owns it so the invite forms can reload it.
 */
export function usePendingInvitations(workspaceId: string) {
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const q = useDebounced(search.trim());
  const query = { q, page, pageSize: PAGE_SIZE };
  const listing: Listing = useResource((signal) => listInvitations(workspaceId, query, signal), JSON.stringify([workspaceId, query]));
  const onSearch = (text: string) => {
    setSearch(text);
    setPage(1);
  };
  return { listing, search, onSearch, page, onPage: setPage };
}

type PendingInvitationsProps = ReturnType<typeof usePendingInvitations>;

/** The server may send the link relative to the console; show and copy it whole. */
const absolute = (link: string) => new URL(link, window.location.origin).href;

const isExpired = (inv: PendingInvitation) => inv.status === "expired" || Date.parse(inv.expiresAt) < Date.now();

export function PendingInvitations({ listing, search, onSearch, page, onPage }: PendingInvitationsProps) {
  const { workspaceId } = useWorkspace();
  const { nameOf } = useTeams();
  // The row whose resend or cancel is being confirmed, and the row being edited.
  const [asking, setAsking] = useState<{ inv: PendingInvitation; action: "resend" | "cancel" } | null>(null);
  const [editing, setEditing] = useState<PendingInvitation | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const items = listing.data?.items ?? [];

  const act = async (inv: PendingInvitation, action: "resend" | "cancel") => {
    setBusyId(inv.id);
    setError(undefined);
    setNotice(null);
    try {
      if (action === "resend") await resendInvitation(workspaceId, inv.id);
      else await cancelInvitation(workspaceId, inv.id);
      setNotice(action === "resend" ? `A new link was sent to ${inv.email}; the one sent before no longer works.` : `Invitation for ${inv.email} cancelled.`);
      listing.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
      setAsking(null);
    }
  };
  const saved = (updated: PendingInvitation) => {
    setEditing(null);
    setError(undefined);
    setNotice(`The invitation for ${updated.email} now gives: ${updated.roles.join(", ")}; ${updated.teams.map(nameOf).join(", ")}.`);
    listing.reload();
  };

  return (
    <section className="panel" data-testid="pending-invitations">
      <h2 className="section-title">
        Pending invitations <span className="muted">({listing.data?.total ?? 0})</span>
      </h2>
      <div className="toolbar">
        <SearchInput placeholder="Search name or e-mail" label="Search pending invitations" testId="pending-search" value={search} onChange={onSearch} />
      </div>
      <ErrorBanner error={error ?? listing.error} testId="pending-error" />
      {notice ? <div className="banner banner-ok" data-testid="pending-notice">{notice}</div> : null}
      <div className="table-scroll">
        <table className="table table-compact" data-testid="pending-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>E-mail</th>
              <th>Phone</th>
              <th>Roles</th>
              <th>Teams</th>
              <th>Registration link</th>
              <th>Sent</th>
              <th>Expires</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((inv) => (
              <tr key={inv.id} data-testid="pending-row" data-id={inv.id} data-email={inv.email} data-status={isExpired(inv) ? "expired" : inv.status}>
                <td className="strong">{inv.name}</td>
                <td>{inv.email}</td>
                <td className="mono">{inv.phone || "—"}</td>
                <td><RoleBadges roles={inv.roles} /></td>
                <td>{inv.teams.map(nameOf).join(", ")}</td>
                <td>
                  <span className="link-cell">
                    <input readOnly className="link-input mono" value={absolute(inv.link)} data-testid="pending-link" aria-label={`Registration link for ${inv.email}`} onFocus={(e) => e.target.select()} />
                    <CopyButton text={absolute(inv.link)} testId="pending-copy" />
                  </span>
                </td>
                <td className="nowrap">{formatDate(inv.sentAt ?? inv.createdAt)}</td>
                <td className="nowrap">
                  {isExpired(inv) ? <span className="pill pill-invalid" data-testid="pending-expired">Expired</span> : <span title={formatDate(inv.expiresAt)}>{formatRelative(inv.expiresAt)}</span>}
                </td>
                <td>
                  <div className="actions">
                    <button type="button" className="btn btn-small" data-testid="pending-edit" aria-label={`Edit the invitation for ${inv.email}`} disabled={busyId === inv.id} onClick={() => setEditing(inv)}>
                      Edit
                    </button>
                    <button type="button" className="btn btn-small" data-testid="pending-resend" aria-label={`Resend the invitation to ${inv.email}`} disabled={busyId === inv.id} onClick={() => setAsking({ inv, action: "resend" })}>
                      Resend
                    </button>
                    <button type="button" className="btn btn-small btn-danger-ghost" data-testid="pending-cancel" aria-label={`Cancel the invitation for ${inv.email}`} disabled={busyId === inv.id} onClick={() => setAsking({ inv, action: "cancel" })}>
                      Cancel
                    </button>
                  </div>
                </td>
              </tr>
            ))}
            {items.length === 0 && !listing.loading ? (
              <EmptyRow columns={9} testId="pending-empty">
                {search.trim() ? "No pending invitation matches this search." : "No pending invitations."}
              </EmptyRow>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pager page={page} pageSize={PAGE_SIZE} total={listing.data?.total ?? 0} onPage={onPage} testId="pending-pager" />
      {asking?.action === "resend" ? (
        // Resending draws a new token (pending-invitations.service.ts): the old link really dies, so say so.
        <ConfirmDialog title={`Resend the invitation to ${asking.inv.email}?`} confirmLabel="Send a new link" busy={busyId === asking.inv.id} onConfirm={() => act(asking.inv, "resend")} onClose={() => setAsking(null)}>
          <p data-testid="pending-resend-warning">
            The link sent before stops working. <strong>{asking.inv.name}</strong> gets a new one by e-mail, valid for {INVITATION_TTL_DAYS} days from now.
          </p>
        </ConfirmDialog>
      ) : null}
      {asking?.action === "cancel" ? (
        <ConfirmDialog title={`Cancel the invitation for ${asking.inv.name}?`} confirmLabel={`Cancel invitation for ${asking.inv.name}`} cancelLabel="Keep invitation" danger busy={busyId === asking.inv.id} onConfirm={() => act(asking.inv, "cancel")} onClose={() => setAsking(null)}>
          <p>
            The registration link sent to <strong>{asking.inv.email}</strong> stops working. You can invite them again later.
          </p>
        </ConfirmDialog>
      ) : null}
      {editing ? <EditInvitationDialog invitation={editing} onClose={() => setEditing(null)} onSaved={saved} /> : null}
    </section>
  );
}
