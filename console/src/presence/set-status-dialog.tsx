import type { Presence, PresenceChoice } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { errorMessage } from "../lib/api";
import { fieldErrorsOf } from "../lib/field-issues";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { setMemberPresence } from "./presence.api";
import { FieldError } from "../ui/field-error";

interface SetStatusDialogProps {
  presence: Presence;
  awayReasons: readonly string[];
  onSaved: (presence: Presence) => void;
  onClose: () => void;
}

/** A supervisor sets an agent's status with a reason; the agent's dock shows who changed it (issue 5). */
export function SetStatusDialog({ presence, awayReasons, onSaved, onClose }: SetStatusDialogProps) {
  const { workspaceId } = useWorkspace();
  const [status, setStatus] = useState<PresenceChoice["status"]>(presence.status === "available" ? "away" : "available");
  const [reason, setReason] = useState(presence.awayReason && presence.awayReason !== "missed" ? presence.awayReason : (awayReasons[0] ?? ""));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const reasonError = fieldErrorsOf(error).awayReason;

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const choice: PresenceChoice = status === "away" ? { status, awayReason: reason.trim() || undefined } : { status };
      onSaved(await setMemberPresence(workspaceId, presence.userId, choice));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog title={`Set ${presence.name}'s status`} confirmLabel={busy ? "Saving…" : "Set status"} busy={busy} onConfirm={() => void save()} onClose={onClose}>
      <div className="set-status" data-testid="set-status-dialog">
        {presence.status === "offline" ? (
          <p className="muted small">{presence.name} has no dock open: the status applies when they connect.</p>
        ) : null}
        <div className="segmented" role="radiogroup" aria-label="Status">
          {(["available", "away"] as const).map((s) => (
            <label key={s} className={status === s ? "segment segment-on" : "segment"} data-testid={`set-status-${s}`}>
              <input type="radio" name="status" value={s} checked={status === s} onChange={() => setStatus(s)} />
              <span className={`dot dot-${s}`} aria-hidden="true" /> {s === "available" ? "Available" : "Away"}
            </label>
          ))}
        </div>
        {status === "away" ? (
          <label className="field" htmlFor="set-status-reason">
            <span className="field-label">Reason</span>
            {awayReasons.length > 0 ? (
              <select id="set-status-reason" data-testid="set-status-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
                {awayReasons.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            ) : (
              <input id="set-status-reason" data-testid="set-status-reason" value={reason} placeholder="One of the workspace's away reasons" onChange={(e) => setReason(e.target.value)} />
            )}
            <FieldError error={reasonError} testId="set-status-reason" />
          </label>
        ) : null}
        {error && !reasonError ? (
          <p className="field-error" role="alert" data-testid="set-status-error">
            {errorMessage(error)}
          </p>
        ) : null}
        <p className="muted small">The change is recorded in the audit log and shown on their dock.</p>
      </div>
    </ConfirmDialog>
  );
}
