import type { TeamSummary } from "../teams/teams.api";
import { FieldError } from "../ui/field-error";

interface TeamOrderPickerProps {
  value: readonly string[];
  teams: readonly TeamSummary[];
  /** Team id to name, from useTeams (it knows a team still loading from an unknown one). */
  nameOf: (teamId: string) => string;
  onChange: (next: string[]) => void;
  /** Teams the actor may add, remove or promote; null = any. Others stay where they are. */
  touchable: readonly string[] | null;
  /** Read-only: the order shows, the controls do not (e.g. one's own teams). */
  locked?: boolean;
  /** Momentarily disabled (saving). */
  disabled?: boolean;
  error?: string;
}

/**
 * Teams in order: the first is the primary team (its settings apply, DESIGN.md §4).
 * Reordering and removing are buttons rather than drag and drop, so keyboards and tests reach them.
 */
export function TeamOrderPicker({ value, teams, nameOf, onChange, touchable, locked, disabled, error }: TeamOrderPickerProps) {
  const reaches = (id: string) => touchable === null || touchable.includes(id);
  const may = (id: string) => !locked && !disabled && reaches(id);
  const addable = teams.filter((t) => !value.includes(t.id) && reaches(t.id));
  const makePrimary = (id: string) => onChange([id, ...value.filter((t) => t !== id)]);
  const remove = (id: string) => onChange(value.filter((t) => t !== id));

  return (
    <fieldset className="team-order" data-testid="member-teams" aria-invalid={error ? true : undefined}>
      <legend className="field-label">
        Teams<span className="required"> *</span>
      </legend>
      <ol className="team-order-list">
        {value.map((id, index) => {
          // Changing the primary team touches both the old and the new one.
          const mayPromote = index > 0 && may(id) && may(value[0]!);
          return (
            <li key={id} className="team-order-item" data-testid="member-team" data-team-id={id}>
              <span className="strong">{nameOf(id)}</span>
              {index === 0 ? (
                <span className="pill pill-primary" data-testid="member-team-primary">
                  Primary
                </span>
              ) : null}
              {locked ? null : (
                <span className="team-order-actions">
                  {index > 0 ? (
                    <button type="button" className="btn btn-small btn-ghost" data-testid="member-team-make-primary" disabled={!mayPromote} onClick={() => makePrimary(id)}>
                      Make primary
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    data-testid="member-team-remove"
                    aria-label={`Remove ${nameOf(id)}`}
                    disabled={!may(id) || value.length === 1}
                    title={value.length === 1 ? "Every member belongs to at least one team" : undefined}
                    onClick={() => remove(id)}
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {locked ? null : (
        <select
          aria-label="Add a team"
          data-testid="member-team-add"
          value=""
          disabled={disabled || addable.length === 0}
          onChange={(e) => e.target.value && onChange([...value, e.target.value])}
        >
          <option value="">{addable.length === 0 ? "No other team to add" : "Add a team…"}</option>
          {addable.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      <FieldError error={error} testId="member-teams" />
    </fieldset>
  );
}
