import { queueCreateSchema, queuePatchSchema, reachOf, type Queue } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { fieldErrorsOf, fieldErrorsOfIssues, type FieldErrors } from "../lib/field-issues";
import { useAction } from "../lib/use-action";
import { useTeams } from "../teams/use-teams";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormDialog } from "../ui/form-dialog";
import { FormField } from "../ui/form-field";
import { createQueue, patchQueue } from "./queues.api";
import { createBodyOf, draftOfQueue, patchOf, type QueueDraft } from "./queue-draft";

interface QueueFormDialogProps {
  /** null creates a queue. */
  queue: Queue | null;
  onClose: () => void;
  onSaved: (queue: Queue) => void;
}

/** What an agent must have: comma-separated lists (the schema reports a bad first entry at `<key>.0`). */
const REQUIREMENTS = [
  { key: "skills", label: "Skills required", testId: "queue-skills", placeholder: "billing, returns", hint: "Comma-separated; an agent needs every one." },
  { key: "languages", label: "Languages", testId: "queue-languages", placeholder: "English, French", hint: "Comma-separated; an agent needs at least one." },
] as const;

/** The queue's timings: seconds, each with the range the schema takes (shown as the input's bounds). */
const TIMINGS = [
  { key: "offerTimeoutSeconds", label: "Offer timeout (s)", testId: "queue-offer-timeout", min: 5, max: 120, hint: "5–120: how long an offer rings." },
  { key: "wrapUpSeconds", label: "Wrap-up (s)", testId: "queue-wrap-up", min: 0, max: 600, hint: "0–600: after-chat work, no offers." },
  { key: "serviceLevelSeconds", label: "Service level (s)", testId: "queue-service-level", min: 5, max: 600, hint: "5–600: answer-time target." },
] as const;

export function QueueFormDialog({ queue, onClose, onSaved }: QueueFormDialogProps) {
  const { workspaceId, actor } = useWorkspace();
  const { teams } = useTeams();
  const [draft, setDraft] = useState(() => draftOfQueue(queue));
  const { busy, error, run } = useAction();
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const fields = { ...fieldErrorsOf(error), ...localErrors };
  // §10: managers and supervisors manage queues whose teams are all their own; other teams show but cannot be picked.
  const ownTeamsOnly = reachOf(actor, "queues.manage") === "ownTeams";
  const notMine = ownTeamsOnly ? teams.filter((t) => !actor.teams.includes(t.id)).map((t) => t.id) : [];

  const set = (patch: Partial<QueueDraft>) => setDraft({ ...draft, ...patch });
  const submit = async () => {
    const body = queue ? patchOf(queue, draft) : createBodyOf(draft);
    const checked = (queue ? queuePatchSchema : queueCreateSchema).safeParse(body);
    if (!checked.success) {
      setLocalErrors(fieldErrorsOfIssues(checked.error.issues));
      return;
    }
    setLocalErrors({});
    await run(async () => {
      onSaved(queue ? await patchQueue(workspaceId, queue.id, patchOf(queue, draft)) : await createQueue(workspaceId, createBodyOf(draft)));
    });
  };

  return (
    <FormDialog
      id="queue"
      title={queue ? `Edit ${queue.name}` : "New queue"}
      submitLabel={queue ? "Save" : "Create queue"}
      wide
      noValidate
      busy={busy}
      canSubmit={Boolean(draft.name.trim())}
      error={error}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
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
        {REQUIREMENTS.map((r) => (
          <FormField
            key={r.key}
            label={r.label}
            testId={r.testId}
            placeholder={r.placeholder}
            value={draft[r.key]}
            onChange={(e) => set({ [r.key]: e.target.value })}
            error={fields[r.key] ?? fields[`${r.key}.0`]}
            hint={r.hint}
          />
        ))}
      </div>
      <div className="form-grid">
        {TIMINGS.map((t) => (
          <FormField
            key={t.key}
            label={t.label}
            testId={t.testId}
            type="number"
            min={t.min}
            max={t.max}
            value={draft[t.key]}
            onChange={(e) => set({ [t.key]: e.target.value })}
            error={fields[t.key]}
            hint={t.hint}
          />
        ))}
      </div>
    </FormDialog>
  );
}
