import type { FieldErrors } from "../lib/field-issues";
import { FieldError } from "../ui/field-error";

export interface InviteeDraft {
  name: string;
  email: string;
  phone: string;
}

export const EMPTY_INVITEE: InviteeDraft = { name: "", email: "", phone: "" };

interface InviteeRowsProps {
  rows: InviteeDraft[];
  onChange: (rows: InviteeDraft[]) => void;
  /** Keyed by form row: `${row}.email`. */
  errors: FieldErrors;
}

/** Name, e-mail and optional phone per person; "Add more" appends a row (seed 000). */
export function InviteeRows({ rows, onChange, errors }: InviteeRowsProps) {
  const edit = (index: number, key: keyof InviteeDraft, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));

  const cell = (index: number, key: keyof InviteeDraft, label: string, type = "text") => {
    const error = errors[`${index}.${key}`];
    const testId = `invite-row-${index}-${key}`;
    return (
      <div className="cell-field">
        <input
          type={type}
          aria-label={`${label}, row ${index + 1}`}
          placeholder={label}
          data-testid={testId}
          value={rows[index]![key]}
          aria-invalid={error ? true : undefined}
          onChange={(e) => edit(index, key, e.target.value)}
        />
        <FieldError error={error} testId={testId} />
      </div>
    );
  };

  return (
    <div className="invitee-rows">
      <div className="invitee-row invitee-head" aria-hidden="true">
        <span className="field-label">Name *</span>
        <span className="field-label">E-mail *</span>
        <span className="field-label">Phone</span>
        <span />
      </div>
      {rows.map((_, index) => (
        <div className="invitee-row" key={index} data-testid={`invite-row-${index}`}>
          {cell(index, "name", "Full name")}
          {cell(index, "email", "E-mail", "email")}
          {cell(index, "phone", "+14155550100", "tel")}
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label={`Remove row ${index + 1}`}
            data-testid={`invite-row-${index}-remove`}
            disabled={rows.length === 1}
            onClick={() => remove(index)}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-link" data-testid="invite-add-more" onClick={() => onChange([...rows, EMPTY_INVITEE])}>
        + Add more
      </button>
    </div>
  );
}
