import { useState, type FormEvent } from "react";
import { PasswordMeter } from "../auth/password-meter";
import { changePassword } from "../auth/password.api";
import { fieldErrorsOf } from "../lib/field-issues";
import { ErrorBanner } from "../ui/error-banner";
import { FormField } from "../ui/form-field";

/** /account/password — the signed-in user changes their own password (DESIGN.md §5: only the owner does). */
export function ChangePasswordPage() {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      await changePassword({ currentPassword, newPassword });
      setCurrentPassword("");
      setNewPassword("");
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const fields = fieldErrorsOf(error);
  return (
    <section className="page">
      <header className="page-header">
        <h1>Change password</h1>
      </header>
      <form className="panel form form-narrow" onSubmit={submit} noValidate>
        {done ? (
          <div className="banner banner-ok" role="status" data-testid="password-changed">
            Password changed. Your other devices and browsers were signed out; this one stays signed in.
          </div>
        ) : null}
        <ErrorBanner error={fields.currentPassword || fields.newPassword ? undefined : error} testId="password-error" />
        <FormField label="Current password" testId="password-current" type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} error={fields.currentPassword} required />
        <FormField label="New password" testId="password-new" type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} error={fields.newPassword} hint="At least 10 characters, with letters and a digit." required />
        <PasswordMeter password={newPassword} />
        <button type="submit" className="btn btn-primary" data-testid="password-submit" disabled={busy}>
          {busy ? "Saving…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
