import { useState, type FormEvent } from "react";

interface AwayReasonsEditorProps {
  reasons: readonly string[];
  onChange: (next: string[]) => void;
  readOnly: boolean;
  error?: string;
}

/** DESIGN.md §8: the workspace's away reasons (Break, Lunch, Training…) that docks offer. */
export function AwayReasonsEditor({ reasons, onChange, readOnly, error }: AwayReasonsEditorProps) {
  const [text, setText] = useState("");
  const duplicate = reasons.some((r) => r.toLowerCase() === text.trim().toLowerCase());

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || duplicate) return;
    onChange([...reasons, text.trim()]);
    setText("");
  };

  return (
    <section className="panel settings-section" data-testid="away-reasons">
      <header className="settings-section-header">
        <h2>Away reasons</h2>
        <span className="muted small">Agents pick one when they go away.</span>
      </header>
      <ul className="reason-list">
        {reasons.map((reason) => (
          <li key={reason} className="reason" data-testid="away-reason">
            {reason}
            {readOnly ? null : (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={`Remove ${reason}`}
                data-testid={`away-reason-remove-${reason}`}
                onClick={() => onChange(reasons.filter((r) => r !== reason))}
              >
                ×
              </button>
            )}
          </li>
        ))}
        {reasons.length === 0 ? <li className="muted small">No away reasons: agents go away without one.</li> : null}
      </ul>
      {readOnly ? null : (
        <form className="toolbar" onSubmit={add}>
          <input data-testid="away-reason-new" placeholder="New reason, e.g. Coaching" maxLength={40} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="btn" data-testid="away-reason-add" disabled={!text.trim() || duplicate}>
            Add
          </button>
          {duplicate ? <span className="field-error">Already in the list</span> : null}
        </form>
      )}
      {error ? <span className="field-error">{error}</span> : null}
    </section>
  );
}
