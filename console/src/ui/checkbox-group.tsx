import { FieldError } from "./field-error";

export interface Option {
  value: string;
  label: string;
  /** One line under the label saying what choosing it means. */
  description?: string;
}

interface CheckboxGroupProps {
  legend: string;
  options: readonly Option[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  /** Prefix for each box: `${testId}-${option.value}`; the group itself is `${testId}`. */
  testId: string;
  error?: string;
  required?: boolean;
  emptyText?: string;
  /** Options shown but not changeable (e.g. roles above what the actor may grant). */
  disabledValues?: readonly string[];
  /** Shown under the options when some or all are disabled, saying why. */
  note?: string;
}

/** A multi-select as toggle chips: several roles or teams can be picked at once (seed 001). */
export function CheckboxGroup({ legend, options, value, onChange, testId, error, required, emptyText, disabledValues = [], note }: CheckboxGroupProps) {
  const toggle = (v: string) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  return (
    <fieldset className="chips" data-testid={testId} aria-invalid={error ? true : undefined}>
      <legend className="field-label">
        {legend}
        {required ? <span className="required"> *</span> : null}
      </legend>
      <div className="chips-options">
        {options.length === 0 ? <span className="muted small">{emptyText ?? "Nothing to choose from."}</span> : null}
        {options.map((option) => (
          <label
            key={option.value}
            className={`chip${value.includes(option.value) ? " chip-on" : ""}${disabledValues.includes(option.value) ? " chip-disabled" : ""}`}
          >
            <input
              type="checkbox"
              data-testid={`${testId}-${option.value}`}
              disabled={disabledValues.includes(option.value)}
              checked={value.includes(option.value)}
              onChange={() => toggle(option.value)}
            />
            {option.description ? (
              <span className="chip-text">
                <span>{option.label}</span>
                <span className="chip-description">{option.description}</span>
              </span>
            ) : (
              option.label
            )}
          </label>
        ))}
      </div>
      {note ? (
        <span className="field-hint" data-testid={`${testId}-note`}>
          {note}
        </span>
      ) : null}
      <FieldError error={error} testId={testId} />
    </fieldset>
  );
}
