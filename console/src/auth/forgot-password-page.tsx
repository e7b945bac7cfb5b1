import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { fieldErrorsOf } from "../lib/field-issues";
import { useSave } from "../settings/use-save";
import { ErrorBanner } from "../ui/error-banner";
import { FormField } from "../ui/form-field";
import { AuthCard } from "./auth-card";
import { requestPasswordReset } from "./password.api";

/** /forgot-password — asks for a reset link by e-mail. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const { busy, saved: sent, error, run } = useSave();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => requestPasswordReset({ email }));
  };

  if (sent) {
    return (
      <AuthCard title="Check your e-mail">
        {/* Worded for both cases: the server does not say whether the account exists. */}
        <p data-testid="forgot-sent">
          If an account uses <strong>{email.trim()}</strong>, we sent it a link to choose a new password. The link works once, for one hour.
        </p>
        <Link to="/login">Back to sign in</Link>
      </AuthCard>
    );
  }

  const fields = fieldErrorsOf(error);
  return (
    <AuthCard title="Forgot your password?" subtitle="Enter the e-mail address you sign in with and we will send you a link to choose a new one.">
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={error} testId="forgot-error" />
        <FormField label="E-mail" testId="forgot-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={fields.email} required autoFocus />
        <button type="submit" className="btn btn-primary btn-block" data-testid="forgot-submit" disabled={busy}>
          {busy ? "Sending…" : "Send me a link"}
        </button>
        <Link to="/login">Back to sign in</Link>
      </form>
    </AuthCard>
  );
}
