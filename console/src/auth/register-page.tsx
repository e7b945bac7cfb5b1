import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useSession } from "../app/session-context";
import { ApiError } from "../lib/api";
import { capitalize } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { Loading } from "../ui/loading";
import { AuthCard } from "./auth-card";
import { acceptInvitation, fetchInvitationPreview, type AcceptBody, type InvitationPreview } from "./invitation-preview.api";
import { NewUserForm } from "./new-user-form";

function invalidLinkMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "INVITATION_EXPIRED") return "This invitation has expired. Ask the person who invited you for a new one.";
    if (error.code === "INVITATION_NOT_PENDING") return "This invitation was already used or has been cancelled.";
    if (error.code === "NOT_FOUND" || error.code === "VALIDATION_FAILED") return "This registration link is not valid.";
  }
  return error instanceof Error ? error.message : "This registration link cannot be opened.";
}

function statusProblem(status: InvitationPreview["status"] | undefined): Error {
  if (status === "expired") return new ApiError(410, "INVITATION_EXPIRED", "expired");
  return new ApiError(409, "INVITATION_NOT_PENDING", "not pending");
}

/** /register/:token — the page the invitation e-mail links to. */
export function RegisterPage() {
  const { token = "" } = useParams();
  const { status, refresh, selectWorkspace } = useSession();
  const navigate = useNavigate();
  const preview = useResource((signal) => fetchInvitationPreview(token, signal), token);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  if (preview.loading) return <Loading label="Opening your invitation…" />;
  if (preview.error || !preview.data || preview.data.status !== "pending") {
    return (
      <AuthCard title="Invitation unavailable">
        <p data-testid="register-invalid">{invalidLinkMessage(preview.error ?? statusProblem(preview.data?.status))}</p>
        <Link to="/login">Go to sign in</Link>
      </AuthCard>
    );
  }

  const invitation: InvitationPreview = preview.data;
  const workspace = invitation.workspace;
  const accept = async (body: AcceptBody) => {
    setBusy(true);
    setError(undefined);
    try {
      const accepted = await acceptInvitation(token, body);
      selectWorkspace(accepted.workspace.id);
      await refresh();
      // Agents work from the dock; everyone else lands in the console (DESIGN.md §7).
      navigate(accepted.landing === "console" ? "/" : "/install-dock", { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <AuthCard
      title={`Join ${workspace.name}`}
      subtitle={
        <span data-testid="register-summary">
          {invitation.email} is invited as <strong data-testid="register-roles">{invitation.roles.map(capitalize).join(", ")}</strong>
          {invitation.organization ? ` in ${invitation.organization.name}` : ""}.
        </span>
      }
    >
      <div data-testid="register-workspace" hidden>
        {workspace.name}
      </div>
      {invitation.existingUser ? (
        <ExistingUserJoin signedIn={status === "signed-in"} token={token} busy={busy} error={error} onJoin={() => accept({})} />
      ) : (
        <NewUserForm defaultName={invitation.name} busy={busy} error={error} onSubmit={accept} />
      )}
    </AuthCard>
  );
}

function ExistingUserJoin(props: { signedIn: boolean; token: string; busy: boolean; error: unknown; onJoin: () => void }) {
  if (!props.signedIn) {
    return (
      <div className="form">
        <p>You already have a Switchboard account. Sign in, then open this link again to join.</p>
        <Link to="/login" state={{ from: `/register/${props.token}` }} className="btn btn-primary btn-block" data-testid="register-sign-in">
          Sign in to join
        </Link>
      </div>
    );
  }
  return (
    <div className="form">
      {props.error ? <div className="banner banner-error" data-testid="register-error">{props.error instanceof Error ? props.error.message : "Could not join."}</div> : null}
      <button type="button" className="btn btn-primary btn-block" data-testid="register-join" disabled={props.busy} onClick={props.onJoin}>
        Join workspace
      </button>
    </div>
  );
}
