import { mayRevokeMember, type Member } from "@switchboard/shared";
import { useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { useWorkspace } from "../app/session-context";
import { formatDateTime, formatRelative, initialsOf } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { fetchMember } from "../member-settings/member-settings.api";
import { ErrorBanner } from "../ui/error-banner";
import { Loading } from "../ui/loading";
import { RoleBadges } from "../ui/role-badges";
import { MemberAccessForm } from "./member-access-form";
import { MEMBER_DETAIL_SECTIONS } from "./member-detail-sections";
import { RevokeDialog } from "./revoke-dialog";
import "./member-detail.css";
import { BackCrumb } from "../ui/back-crumb";

/** /members/:userId: "Profile & access", then the sections other features register. */
export function MemberDetailPage() {
  const { userId = "" } = useParams();
  const { workspaceId, actor } = useWorkspace();
  const navigate = useNavigate();
  const { data, error } = useResource((signal) => fetchMember(workspaceId, userId, signal), `${workspaceId}/${userId}`);
  const [saved, setSaved] = useState<Member>();
  const [revoking, setRevoking] = useState(false);
  // A saved member stands in for the loaded one only on its own page.
  const member = saved?.userId === userId ? saved : data?.userId === userId ? data : undefined;

  return (
    <section className="page member-detail">
      <BackCrumb to="/members" label="Members" testId="member-back" />
      {member ? (
        <header className="page-header member-header">
          <span className="person">
            <span className="avatar avatar-large" aria-hidden="true">
              {initialsOf(member.name)}
            </span>
            <span>
              <h1 data-testid="member-title">{member.name}</h1>
              <span className="member-subtitle">
                <RoleBadges roles={member.roles} />
                <span className="muted small" title={formatDateTime(member.lastActiveAt)}>
                  Last active {formatRelative(member.lastActiveAt).toLowerCase()}
                </span>
              </span>
            </span>
          </span>
          <div className="page-actions">
            {mayRevokeMember(actor, member) ? (
              <button type="button" className="btn btn-danger-ghost" data-testid="member-revoke" onClick={() => setRevoking(true)}>
                Revoke access
              </button>
            ) : null}
          </div>
        </header>
      ) : (
        <header className="page-header">
          <h1>Member</h1>
        </header>
      )}
      <ErrorBanner error={error} />
      {member ? (
        <>
          <MemberAccessForm key={member.userId} member={member} onSaved={setSaved} />
          {MEMBER_DETAIL_SECTIONS.map(({ id, Component }) => (
            <div key={id} data-testid={`member-section-${id}`}>
              <Component member={member} onMemberChange={setSaved} />
            </div>
          ))}
        </>
      ) : error ? null : (
        <Loading />
      )}
      {revoking && member ? (
        <RevokeDialog member={member} onClose={() => setRevoking(false)} onRevoked={() => navigate("/members", { replace: true })} />
      ) : null}
    </section>
  );
}
