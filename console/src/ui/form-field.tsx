import type { InputHTMLAttributes } from "react";
import { FieldError } from "./field-error";

interface FormFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  testId: string;
  error?: string;
  hint?: string;
}

/** Label, input and the server's message for that field, tied together for screen readers. */
export function FormField({ label, testId, error, hint, id, ...input }: FormFieldProps) {
  const inputId = id ?? testId;
  return (
    <label className="field" htmlFor={inputId}>
      <span className="field-label">{label}</span>
      <input
        id={inputId}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        {...input}
      />
      {error ? <FieldError error={error} testId={testId} id={`${inputId}-error`} /> : hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}
