import { useState, type FormEvent } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router-dom";
import { useSession } from "../app/session-context";
import { api } from "../lib/api";
import { fieldErrorsOf } from "../lib/field-issues";
import { useAction } from "../lib/use-action";
import { ErrorBanner } from "../ui/error-banner";
import { FormField } from "../ui/form-field";
import { AuthCard } from "./auth-card";

export function LoginPage() {
  const { status, setupNeeded, refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; notice?: string } | null;
  const from = state?.from ?? "/";
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();

  if (status === "signed-in") return <Navigate to={from} replace />;
  if (status === "signed-out" && setupNeeded) return <Navigate to="/setup" replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api("/api/auth/login", { body: { email, password } });
      await refresh();
      navigate(from, { replace: true });
    });
  };

  const fields = fieldErrorsOf(error);
  return (
    <AuthCard title="Sign in" subtitle="Use the e-mail address your invitation was sent to.">
      <form className="form" onSubmit={submit} noValidate>
        {state?.notice && !error ? (
          <div className="banner banner-ok" role="status" data-testid="login-notice">
            {state.notice}
          </div>
        ) : null}
        <ErrorBanner error={error} testId="login-error" />
        <FormField label="E-mail" testId="login-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={fields.email} required autoFocus />
        <FormField label="Password" testId="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fields.password} required />
        <button type="submit" className="btn btn-primary btn-block" data-testid="login-submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <Link to="/forgot-password" data-testid="login-forgot">
          Forgot password?
        </Link>
      </form>
    </AuthCard>
  );
}
