import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError } from "../lib/api";
import { fieldErrorsOf } from "../lib/field-issues";
import { useSave } from "../settings/use-save";
import { ErrorBanner } from "../ui/error-banner";
import { AuthCard } from "./auth-card";
import { NewPasswordField } from "./new-password-field";
import { resetPassword } from "./password.api";

/** Shown on the sign-in page after a reset (router state, so a reload does not repeat it). */
export const PASSWORD_RESET_NOTICE = "Your password was changed and you were signed out everywhere. Sign in with the new one.";

/** /reset-password/:token — the page the reset e-mail links to. */
export function ResetPasswordPage() {
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const { busy, error, run } = useSave();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await resetPassword(token, { newPassword: password });
      navigate("/login", { replace: true, state: { notice: PASSWORD_RESET_NOTICE } });
    });
  };

  const linkDead = error instanceof ApiError && (error.code === "RESET_LINK_INVALID" || (error.code === "VALIDATION_FAILED" && !fieldErrorsOf(error).newPassword));
  if (linkDead) {
    return (
      <AuthCard title="Link no longer valid">
        <p data-testid="reset-invalid">This reset link has expired or was already used. Ask for a new one.</p>
        <Link to="/forgot-password">Send me a new link</Link>
      </AuthCard>
    );
  }

  const fields = fieldErrorsOf(error);
  return (
    <AuthCard title="Choose a new password" subtitle="Every device signed in to your account will be signed out.">
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={error} testId="reset-error" />
        <NewPasswordField label="New password" testId="reset-password" value={password} onChange={setPassword} error={fields.newPassword} autoFocus />
        <button type="submit" className="btn btn-primary btn-block" data-testid="reset-submit" disabled={busy}>
          {busy ? "Saving…" : "Set new password"}
        </button>
      </form>
    </AuthCard>
  );
}
