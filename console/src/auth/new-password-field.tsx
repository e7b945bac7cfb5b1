import { FormField } from "../ui/form-field";
import { PasswordMeter } from "./password-meter";

/** A password being chosen (registration, reset, change): the shared rule as a hint, and the strength meter. */
export function NewPasswordField(props: { label?: string; testId: string; value: string; onChange: (value: string) => void; error?: string; autoFocus?: boolean }) {
  const { label = "Password", testId, value, onChange, error, autoFocus } = props;
  return (
    <>
      <FormField
        label={label}
        testId={testId}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
        hint="At least 10 characters, with letters and a digit."
        required
        autoFocus={autoFocus}
      />
      <PasswordMeter password={value} />
    </>
  );
}
