import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { CsvImportForm } from "./csv-import-form";
import { InviteForm } from "./invite-form";
import { PendingInvitations, usePendingInvitations } from "./pending-invitations";

type Tab = "manual" | "csv";

export function InvitationsPage() {
  const { workspaceId, allows } = useWorkspace();
  const [tab, setTab] = useState<Tab>("manual");
  const pending = usePendingInvitations(workspaceId);
  const { listing } = pending;
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
      <PendingInvitations {...pending} />
    </section>
  );
}
