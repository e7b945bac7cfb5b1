import type { Role } from "@switchboard/shared";
import type { FieldErrors } from "../lib/field-issues";
import { FieldError } from "../ui/field-error";
import { Options } from "../ui/options";
import { useInviteChoices } from "./access-pickers";

export interface InviteeDraft {
  name: string;
  email: string;
  phone: string;
  /** This person's own role and team (seed 001); "" = the choice for everyone below. */
  role: Role | "";
  team: string;
}

export const EMPTY_INVITEE: InviteeDraft = { name: "", email: "", phone: "", role: "", team: "" };

interface InviteeRowsProps {
  rows: InviteeDraft[];
  onChange: (rows: InviteeDraft[]) => void;
  /** Keyed by form row: `${row}.email`. */
  errors: FieldErrors;
}

/** Name, e-mail and optional phone per person; "Add more" appends a row (seed 000). */
export function InviteeRows({ rows, onChange, errors }: InviteeRowsProps) {
  const { roleOptions, teamOptions } = useInviteChoices();
  const edit = (index: number, key: keyof InviteeDraft, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));

  const cell = (index: number, key: "name" | "email" | "phone", label: string, type = "text") => {
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
        <span className="field-label">Role and team</span>
        <span />
      </div>
      {rows.map((_, index) => (
        <div className="invitee-row" key={index} data-testid={`invite-row-${index}`}>
          {cell(index, "name", "Full name")}
          {cell(index, "email", "E-mail", "email")}
          {cell(index, "phone", "+14155550100", "tel")}
          <div className="invitee-access">
            <select aria-label={`Role, row ${index + 1}`} data-testid={`invite-row-${index}-role`} value={rows[index]!.role} onChange={(e) => edit(index, "role", e.target.value)}>
              <Options blank="Roles for everyone" choices={roleOptions} />
            </select>
            <select aria-label={`Team, row ${index + 1}`} data-testid={`invite-row-${index}-team`} value={rows[index]!.team} onChange={(e) => edit(index, "team", e.target.value)}>
              <Options blank="Teams for everyone" choices={teamOptions} />
            </select>
          </div>
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
