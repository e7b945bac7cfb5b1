import { useEffect, useState } from "react";
import { useWorkspace } from "../app/session-context";
import { errorMessage } from "../lib/api";
import { fieldErrorsOf } from "../lib/field-issues";
import { useResource } from "../lib/use-resource";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { listMembers, revokeMember } from "./members.api";
import { FieldError } from "../ui/field-error";
import { SearchInput } from "../ui/search-input";

const HEIRS_PAGE = 200;
const SEARCH_DELAY_MS = 250;
const UNASSIGNED = "";

interface RevokeDialogProps {
  member: { userId: string; name: string };
  onRevoked: (userId: string) => void;
  onClose: () => void;
}

/** Seed 003's revoke dialog: pick who inherits the member's contacts (or nobody), then confirm. */
export function RevokeDialog({ member, onRevoked, onClose }: RevokeDialogProps) {
  const { workspaceId } = useWorkspace();
  const [heir, setHeir] = useState(UNASSIGNED);
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);
  const heirs = useResource((signal) => listMembers(workspaceId, { q, page: 1, pageSize: HEIRS_PAGE }, signal), `${workspaceId}/${q}`);
  const candidates = (heirs.data?.items ?? []).filter((m) => m.userId !== member.userId);
  // Large workspaces: the first page is a dropdown, a search narrows it.
  const needsSearch = q !== "" || (heirs.data?.total ?? 0) > HEIRS_PAGE;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await revokeMember(workspaceId, member.userId, heir || null);
      onRevoked(member.userId);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const heirError = fieldErrorsOf(error).reassignContactsTo;
  return (
    <ConfirmDialog title={`Revoke access for ${member.name}?`} confirmLabel={busy ? `Revoking ${member.name}…` : `Revoke ${member.name}`} danger busy={busy} onConfirm={() => void confirm()} onClose={onClose}>
      <div className="revoke-body" data-testid="revoke-dialog">
        <p>
          {member.name} leaves this workspace at once: their sessions end and their docks disconnect. They stay in the organization.
        </p>
        {needsSearch ? (
          <SearchInput placeholder="Find a member" label="Find a member to reassign to" testId="revoke-heir-search" value={search} onChange={setSearch} />
        ) : null}
        <label className="field" htmlFor="revoke-heir">
          <span className="field-label">Reassign their contacts to</span>
          <select id="revoke-heir" data-testid="revoke-heir" value={heir} onChange={(e) => setHeir(e.target.value)} disabled={busy}>
            <option value={UNASSIGNED}>Leave unassigned</option>
            {candidates.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({m.email})
              </option>
            ))}
          </select>
          <FieldError error={heirError} testId="revoke-heir" />
        </label>
        <p className="banner banner-error revoke-warning" data-testid="revoke-warning">
          This cannot be undone. To give them access again, invite them again.
        </p>
        {error && !heirError ? (
          <p className="field-error" role="alert" data-testid="revoke-error">
            {errorMessage(error)}
          </p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
