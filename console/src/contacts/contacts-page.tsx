import { canEditContacts, type Contact } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { useResource } from "../lib/use-resource";
import { useTeams } from "../teams/use-teams";
import { ConfirmDeleteDialog } from "../ui/confirm-delete-dialog";
import { ErrorBanner } from "../ui/error-banner";
import { useConfirmedDelete } from "../ui/use-confirmed-delete";
import { Pager } from "../ui/pager";
import { ContactFormDialog } from "./contact-form-dialog";
import { deleteContact, listContacts } from "./contacts.api";
import { EmptyRow } from "../ui/empty-row";
import { PageHeader } from "../ui/page-header";
import { SearchInput } from "../ui/search-input";

const PAGE_SIZE = 25;

/** Contacts with assignee and team; the server filters and masks them per the reader's restrictions. */
export function ContactsPage() {
  const { workspaceId, actor, allows } = useWorkspace();
  const { nameOf: teamName } = useTeams();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Contact | null | "new">(null);
  const filters = { q, page, pageSize: PAGE_SIZE };
  const { data, error, loading, reload } = useResource((signal) => listContacts(workspaceId, filters, signal), JSON.stringify([workspaceId, filters]));
  const mayEdit = canEditContacts(actor);
  // Seed 003: a manager restricted from contact deletion never sees the button.
  const mayDelete = allows("contacts.delete");
  const items = data?.items ?? [];
  const removal = useConfirmedDelete((contact: Contact) => deleteContact(workspaceId, contact.id), reload);

  return (
    <section className="page">
      <PageHeader
        title="Contacts"
        count={{ total: data?.total, noun: "contact", testId: "contacts-total" }}
        actions={
          mayEdit ? (
            <button type="button" className="btn btn-primary" data-testid="contact-new" onClick={() => setEditing("new")}>
              New contact
            </button>
          ) : null
        }
      />
      <div className="toolbar">
        <SearchInput
          placeholder="Search name, phone or e-mail"
          testId="contacts-search"
          value={q}
          onChange={(text) => {
            setQ(text);
            setPage(1);
          }}
        />
      </div>
      <ErrorBanner error={error} />
      <table className={loading ? "table table-loading" : "table"} data-testid="contacts-table" aria-busy={loading}>
        <thead>
          <tr>
            <th>Name</th>
            <th>Phone</th>
            <th>E-mail</th>
            <th>Assignee</th>
            <th>Team</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-testid="contacts-row" data-contact-id={c.id} data-masked={c.masked}>
              <td className="strong">{c.name}</td>
              <td className="mono">{c.phone ?? "—"}</td>
              <td>{c.email ?? "—"}</td>
              <td>{c.assigneeId ? (c.assigneeName ?? "Former member") : <span className="muted">Unassigned</span>}</td>
              <td>{c.teamId ? teamName(c.teamId) : <span className="muted">—</span>}</td>
              <td>
                <div className="actions">
                  {mayEdit ? (
                    <button type="button" className="btn btn-small" data-testid="contact-edit" aria-label={`Edit ${c.name}`} onClick={() => setEditing(c)}>
                      Edit
                    </button>
                  ) : null}
                  {mayDelete ? (
                    <button type="button" className="btn btn-small btn-danger-ghost" data-testid="contact-delete" aria-label={`Delete ${c.name}`} onClick={() => removal.ask(c)}>
                      Delete
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
          {items.length === 0 && !loading ? <EmptyRow columns={6} testId="contacts-empty">{q ? "No contact matches this search." : "No contacts yet."}</EmptyRow> : null}
        </tbody>
      </table>
      <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onPage={setPage} testId="contacts-pager" />
      {editing ? (
        <ContactFormDialog
          contact={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
      <ConfirmDeleteDialog removal={removal} noun="contact">
        The contact is removed for everyone in the workspace. This cannot be undone.
      </ConfirmDeleteDialog>
    </section>
  );
}
