import { useState, type FormEvent } from "react";
import { fieldErrorsOf } from "../lib/field-issues";
import { ErrorBanner } from "../ui/error-banner";
import { FormField } from "../ui/form-field";
import { NewPasswordField } from "./new-password-field";

interface NewUserFormProps {
  defaultName?: string;
  busy: boolean;
  error: unknown;
  onSubmit: (body: { firstName: string; lastName: string; password: string }) => void;
}

/** A new user's account: first name, last name and a password the shared rule accepts. */
export function NewUserForm({ defaultName = "", busy, error, onSubmit }: NewUserFormProps) {
  const [first = "", ...rest] = defaultName.trim().split(/\s+/);
  const [firstName, setFirstName] = useState(first);
  const [lastName, setLastName] = useState(rest.join(" "));
  const [password, setPassword] = useState("");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ firstName, lastName, password });
  };

  const fields = fieldErrorsOf(error);
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorBanner error={error} testId="register-error" />
      <div className="form-grid">
        <FormField label="First name" testId="register-first-name" autoComplete="given-name" value={firstName} onChange={(e) => setFirstName(e.target.value)} error={fields.firstName} required />
        <FormField label="Last name" testId="register-last-name" autoComplete="family-name" value={lastName} onChange={(e) => setLastName(e.target.value)} error={fields.lastName} required />
      </div>
      <NewPasswordField testId="register-password" value={password} onChange={setPassword} error={fields.password} />
      <button type="submit" className="btn btn-primary btn-block" data-testid="register-submit" disabled={busy}>
        {busy ? "Creating your account…" : "Create account and join"}
      </button>
    </form>
  );
}
