import type { Role } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf } from "../lib/field-issues";
import { useAction } from "../lib/use-action";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormDialog } from "../ui/form-dialog";
import { useInviteChoices } from "./access-pickers";
import { updateInvitation, type PendingInvitation } from "./invitations.api";

interface EditInvitationDialogProps {
  invitation: PendingInvitation;
  onClose: () => void;
  onSaved: (updated: PendingInvitation) => void;
}

/**
 * Roles and teams of a pending invitation, changed before the person accepts (issue 15): the
 * link they already have stays valid and grants the new access.
 */
export function EditInvitationDialog({ invitation, onClose, onSaved }: EditInvitationDialogProps) {
  const { workspaceId } = useWorkspace();
  const { roleOptions, teamOptions } = useInviteChoices();
  const [roles, setRoles] = useState<Role[]>(invitation.roles);
  const [teams, setTeams] = useState<string[]>(invitation.teams);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();

  // Checked before sending so an empty choice reads as a sentence, not as the schema's text.
  const local = { roles: roles.length === 0 ? "Pick at least one role" : undefined, teams: teams.length === 0 ? "Pick at least one team" : undefined };
  const server = fieldErrorsOf(error);
  const save = () => {
    setTried(true);
    if (local.roles || local.teams) return;
    void run(async () => onSaved(await updateInvitation(workspaceId, invitation.id, { roles, teams })));
  };

  return (
    <FormDialog id="invitation-edit" title={`Edit the invitation for ${invitation.name}`} submitLabel={busy ? "Saving…" : "Save roles and teams"} wide busy={busy} canSubmit error={error} onSubmit={save} onClose={onClose}>
      <p className="muted">
        {invitation.email} keeps the link already sent; when they register they get the roles and teams chosen here.
      </p>
      <CheckboxGroup legend="Roles" testId="invitation-edit-role" options={roleOptions} value={roles} onChange={(v) => setRoles(v as Role[])} error={(tried ? local.roles : undefined) ?? server.roles} required />
      <CheckboxGroup legend="Teams" testId="invitation-edit-team" options={teamOptions} value={teams} onChange={setTeams} error={(tried ? local.teams : undefined) ?? server.teams} required emptyText="No team you may invite into." />
    </FormDialog>
  );
}
