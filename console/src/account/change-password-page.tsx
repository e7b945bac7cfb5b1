import { useState, type FormEvent } from "react";
import { NewPasswordField } from "../auth/new-password-field";
import { changePassword } from "../auth/password.api";
import { fieldErrorsOf } from "../lib/field-issues";
import { useSave } from "../settings/use-save";
import { ErrorBanner } from "../ui/error-banner";
import { FormField } from "../ui/form-field";

/** /account/password — the signed-in user changes their own password (DESIGN.md §5: only the owner does). */
export function ChangePasswordPage() {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const { busy, saved: done, error, run } = useSave();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await changePassword({ currentPassword, newPassword });
      setCurrentPassword("");
      setNewPassword("");
    });
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
        <NewPasswordField label="New password" testId="password-new" value={newPassword} onChange={setNewPassword} error={fields.newPassword} />
        <button type="submit" className="btn btn-primary" data-testid="password-submit" disabled={busy}>
          {busy ? "Saving…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
