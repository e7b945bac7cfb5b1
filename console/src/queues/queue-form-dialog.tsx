import { queueCreateSchema, queuePatchSchema, reachOf, type Queue } from "@switchboard/shared";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf, fieldErrorsOfIssues, type FieldErrors } from "../lib/field-issues";
import { useTeams } from "../teams/use-teams";
import { CheckboxGroup } from "../ui/checkbox-group";
import { ErrorBanner } from "../ui/error-banner";
import { FormField } from "../ui/form-field";
import { createQueue, patchQueue } from "./queues.api";
import { createBodyOf, draftOfQueue, patchOf, type QueueDraft } from "./queue-draft";

interface QueueFormDialogProps {
  /** null creates a queue. */
  queue: Queue | null;
  onClose: () => void;
  onSaved: (queue: Queue) => void;
}

export function QueueFormDialog({ queue, onClose, onSaved }: QueueFormDialogProps) {
  const { workspaceId, actor } = useWorkspace();
  const { teams } = useTeams();
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState(() => draftOfQueue(queue));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const fields = { ...fieldErrorsOf(error), ...localErrors };
  // §10: managers and supervisors manage queues whose teams are all their own; other teams show but cannot be picked.
  const ownTeamsOnly = reachOf(actor, "queues.manage") === "ownTeams";
  const notMine = ownTeamsOnly ? teams.filter((t) => !actor.teams.includes(t.id)).map((t) => t.id) : [];

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const set = (patch: Partial<QueueDraft>) => setDraft({ ...draft, ...patch });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = queue ? patchOf(queue, draft) : createBodyOf(draft);
    const checked = (queue ? queuePatchSchema : queueCreateSchema).safeParse(body);
    if (!checked.success) {
      setLocalErrors(fieldErrorsOfIssues(checked.error.issues));
      return;
    }
    setLocalErrors({});
    setBusy(true);
    setError(undefined);
    try {
      onSaved(queue ? await patchQueue(workspaceId, queue.id, patchOf(queue, draft)) : await createQueue(workspaceId, createBodyOf(draft)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog dialog-wide" data-testid="queue-dialog" onCancel={onClose} aria-labelledby="queue-dialog-title">
      <h2 id="queue-dialog-title">{queue ? `Edit ${queue.name}` : "New queue"}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={error} testId="queue-error" />
        <div className="form-grid">
          <FormField label="Name" testId="queue-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} error={fields.name} required autoFocus />
          <label className="field">
            <span className="field-label">Channel</span>
            <select data-testid="queue-channel" value={draft.channel} disabled={queue !== null} onChange={(e) => set({ channel: e.target.value as QueueDraft["channel"] })}>
              <option value="chat">Chat</option>
              <option value="phone">Phone</option>
            </select>
            <span className="field-hint">{queue ? "Fixed once created." : "Chats come from the web widget; calls from a number."}</span>
          </label>
        </div>
        {draft.channel === "phone" ? (
          <FormField
            label="Number"
            testId="queue-number"
            inputMode="numeric"
            placeholder="4155550100"
            value={draft.number}
            onChange={(e) => set({ number: e.target.value })}
            error={fields.number}
            hint="Digits only: what callers dial."
          />
        ) : null}
        <CheckboxGroup
          legend="Teams served"
          testId="queue-teams"
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
          value={draft.teams}
          onChange={(next) => set({ teams: next })}
          error={fields.teams}
          disabledValues={notMine}
          note={notMine.length > 0 ? "You can pick only your own teams." : undefined}
          required
        />
        <div className="form-grid">
          <FormField
            label="Skills required"
            testId="queue-skills"
            placeholder="billing, returns"
            value={draft.skills}
            onChange={(e) => set({ skills: e.target.value })}
            error={fields.skills ?? fields["skills.0"]}
            hint="Comma-separated; an agent needs every one."
          />
          <FormField
            label="Languages"
            testId="queue-languages"
            placeholder="English, French"
            value={draft.languages}
            onChange={(e) => set({ languages: e.target.value })}
            error={fields.languages ?? fields["languages.0"]}
            hint="Comma-separated; an agent needs at least one."
          />
        </div>
        <div className="form-grid">
          <FormField
            label="Offer timeout (s)"
            testId="queue-offer-timeout"
            type="number"
            min={5}
            max={120}
            value={draft.offerTimeoutSeconds}
            onChange={(e) => set({ offerTimeoutSeconds: e.target.value })}
            error={fields.offerTimeoutSeconds}
            hint="5–120: how long an offer rings."
          />
          <FormField
            label="Wrap-up (s)"
            testId="queue-wrap-up"
            type="number"
            min={0}
            max={600}
            value={draft.wrapUpSeconds}
            onChange={(e) => set({ wrapUpSeconds: e.target.value })}
            error={fields.wrapUpSeconds}
            hint="0–600: after-chat work, no offers."
          />
          <FormField
            label="Service level (s)"
            testId="queue-service-level"
            type="number"
            min={5}
            max={600}
            value={draft.serviceLevelSeconds}
            onChange={(e) => set({ serviceLevelSeconds: e.target.value })}
            error={fields.serviceLevelSeconds}
            hint="5–600: answer-time target."
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" data-testid="queue-cancel" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="queue-submit" disabled={busy || !draft.name.trim()}>
            {queue ? "Save" : "Create queue"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
