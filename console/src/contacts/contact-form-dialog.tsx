import type { Contact, ContactPatch } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf } from "../lib/field-issues";
import { useAction } from "../lib/use-action";
import { useTeams } from "../teams/use-teams";
import { FormDialog } from "../ui/form-dialog";
import { FormField } from "../ui/form-field";
import { Options } from "../ui/options";
import { createContact, patchContact } from "./contacts.api";
import { MemberPicker } from "../members/member-picker";

interface Draft {
  name: string;
  phone: string;
  email: string;
  assigneeId: string;
  teamId: string;
}

const draftOf = (contact: Contact | null): Draft => ({
  name: contact?.name ?? "",
  phone: contact?.phone ?? "",
  email: contact?.email ?? "",
  assigneeId: contact?.assigneeId ?? "",
  teamId: contact?.teamId ?? "",
});

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The changed fields only (see contactPatchSchema); an empty box clears a field. */
function changesOf(before: Draft, after: Draft): ContactPatch {
  const patch: ContactPatch = {};
  if (after.name !== before.name) patch.name = after.name;
  if (after.phone !== before.phone) patch.phone = orNull(after.phone);
  if (after.email !== before.email) patch.email = orNull(after.email);
  if (after.assigneeId !== before.assigneeId) patch.assigneeId = orNull(after.assigneeId);
  if (after.teamId !== before.teamId) patch.teamId = orNull(after.teamId);
  return patch;
}

interface ContactFormDialogProps {
  /** null creates a contact. */
  contact: Contact | null;
  onClose: () => void;
  onSaved: () => void;
}

export function ContactFormDialog({ contact, onClose, onSaved }: ContactFormDialogProps) {
  const { workspaceId } = useWorkspace();
  const { teams } = useTeams();
  const initial = draftOf(contact);
  const [draft, setDraft] = useState(initial);
  const { busy, error, run } = useAction();
  const fields = fieldErrorsOf(error);
  // Seed 003: a masked reader may add a missing phone or e-mail, never change one.
  const lockedPhone = Boolean(contact?.masked && contact.phone);
  const lockedEmail = Boolean(contact?.masked && contact.email);

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const submit = () =>
    run(async () => {
      if (contact) {
        await patchContact(workspaceId, contact.id, changesOf(initial, draft));
      } else {
        await createContact(workspaceId, {
          name: draft.name,
          phone: orNull(draft.phone),
          email: orNull(draft.email),
          ...(draft.assigneeId ? { assigneeId: draft.assigneeId } : {}),
          teamId: orNull(draft.teamId),
        });
      }
      onSaved();
    });

  return (
    <FormDialog
      id="contact"
      title={contact ? `Edit ${contact.name}` : "New contact"}
      submitLabel={contact ? "Save" : "Create contact"}
      busy={busy}
      canSubmit={Boolean(draft.name.trim())}
      error={error}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <FormField label="Name" testId="contact-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} error={fields.name} required autoFocus />
      <FormField
        label="Phone"
        testId="contact-phone"
        inputMode="tel"
        placeholder="+14155550123"
        value={draft.phone}
        onChange={(e) => set({ phone: e.target.value })}
        error={fields.phone}
        disabled={lockedPhone}
        hint={lockedPhone ? "Masked for you; a manager can change it." : "With the country code; spaces and dashes are fine."}
      />
      <FormField
        label="E-mail"
        testId="contact-email"
        type={lockedEmail ? "text" : "email"}
        value={draft.email}
        onChange={(e) => set({ email: e.target.value })}
        error={fields.email}
        disabled={lockedEmail}
        hint={lockedEmail ? "Masked for you; a manager can change it." : undefined}
      />
      <div className="form-grid">
        <div>
          <MemberPicker label="Assignee" noneLabel="Unassigned" testId="contact-assignee" value={draft.assigneeId} onChange={(assigneeId) => set({ assigneeId })} />
          {fields.assigneeId ? <span className="field-error">{fields.assigneeId}</span> : null}
        </div>
        <label className="field">
          <span className="field-label">Team</span>
          <select data-testid="contact-team" value={draft.teamId} onChange={(e) => set({ teamId: e.target.value })}>
            <Options blank="No team" choices={teams.map((t) => ({ value: t.id, label: t.name }))} />
          </select>
          {fields.teamId ? <span className="field-error">{fields.teamId}</span> : null}
        </label>
      </div>
    </FormDialog>
  );
}
