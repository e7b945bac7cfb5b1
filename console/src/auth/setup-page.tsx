import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate } from "react-router-dom";
import { useSession } from "../app/session-context";
import { api, ApiError } from "../lib/api";
import { fieldErrorsOf } from "../lib/field-issues";
import { useAction } from "../lib/use-action";
import { ErrorBanner } from "../ui/error-banner";
import { FormField } from "../ui/form-field";
import { AuthCard } from "./auth-card";
import { PasswordMeter } from "./password-meter";

const EMPTY = { organization: "", workspace: "", team: "", firstName: "", lastName: "", email: "", password: "" };
type SetupForm = typeof EMPTY;

interface SetupResponse {
  workspace: { id: string };
}

/** First run (no users yet): creates organization, workspace, first team and the first admin. */
export function SetupPage() {
  const { status, setupNeeded, refresh, selectWorkspace } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState<SetupForm>(EMPTY);
  const { busy, error, run } = useAction();

  if (status === "signed-in") return <Navigate to="/" replace />;
  if (status === "signed-out" && !setupNeeded && !error) return <Navigate to="/login" replace />;

  const set = (key: keyof SetupForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      const { organization, workspace, team, ...admin } = form;
      const created = await api<SetupResponse>("/api/setup", { body: { organization, workspace, team, admin } });
      selectWorkspace(created.workspace.id);
      await refresh();
      navigate("/", { replace: true });
    });
  };

  const fields = fieldErrorsOf(error);
  const alreadySetUp = error instanceof ApiError && error.code === "ALREADY_SET_UP";
  return (
    <AuthCard title="Set up Switchboard" subtitle="Create your organization, its first workspace and team, and your admin account." wide>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={error} testId="setup-error" />
        {alreadySetUp ? (
          <p>
            <Link to="/login">Sign in instead</Link>
          </p>
        ) : null}
        <div className="form-grid">
          <FormField label="Organization" testId="setup-organization" value={form.organization} onChange={set("organization")} error={fields.organization} required autoFocus />
          <FormField label="Workspace" testId="setup-workspace" value={form.workspace} onChange={set("workspace")} error={fields.workspace} hint="e.g. Support" required />
          <FormField label="First team" testId="setup-team" value={form.team} onChange={set("team")} error={fields.team} hint="e.g. Tier 1" required />
        </div>
        <h2 className="section-title">Your admin account</h2>
        <div className="form-grid">
          <FormField label="First name" testId="setup-first-name" autoComplete="given-name" value={form.firstName} onChange={set("firstName")} error={fields["admin.firstName"]} required />
          <FormField label="Last name" testId="setup-last-name" autoComplete="family-name" value={form.lastName} onChange={set("lastName")} error={fields["admin.lastName"]} required />
          <FormField label="E-mail" testId="setup-email" type="email" autoComplete="username" value={form.email} onChange={set("email")} error={fields["admin.email"]} required />
          <FormField label="Password" testId="setup-password" type="password" autoComplete="new-password" value={form.password} onChange={set("password")} error={fields["admin.password"]} required />
        </div>
        <PasswordMeter password={form.password} />
        <button type="submit" className="btn btn-primary btn-block" data-testid="setup-submit" disabled={busy}>
          {busy ? "Creating…" : "Create workspace"}
        </button>
      </form>
    </AuthCard>
  );
}
