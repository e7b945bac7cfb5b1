import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { useResource } from "../lib/use-resource";
import { CsvImportForm } from "./csv-import-form";
import { InviteForm } from "./invite-form";
import { listInvitations } from "./invitations.api";
import { PendingInvitations } from "./pending-invitations";

type Tab = "manual" | "csv";

export function InvitationsPage() {
  const { workspaceId, allows } = useWorkspace();
  const [tab, setTab] = useState<Tab>("manual");
  const listing = useResource((signal) => listInvitations(workspaceId, signal), workspaceId);
  const mayInvite = allows("members.invite");

  return (
    <section className="page">
      <header className="page-header">
        <h1>Invitations</h1>
      </header>
      {mayInvite ? (
        <>
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === "manual"} className="tab" data-testid="invite-tab-manual" onClick={() => setTab("manual")}>
              Invite people
            </button>
            <button type="button" role="tab" aria-selected={tab === "csv"} className="tab" data-testid="invite-tab-csv" onClick={() => setTab("csv")}>
              Upload CSV
            </button>
          </div>
          {tab === "manual" ? <InviteForm onInvited={listing.reload} /> : <CsvImportForm onInvited={listing.reload} />}
        </>
      ) : null}
      <PendingInvitations listing={listing} />
    </section>
  );
}
