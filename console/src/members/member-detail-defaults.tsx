import { Link } from "react-router-dom";
import { useWorkspace } from "../app/session-context";
import { RestrictionsPanel } from "../restrictions/restrictions-panel";
import type { MemberSectionProps } from "./member-detail-sections";

/** Phone, channel and dock settings live on their own page (the settings feature's); this links to it. */
export function MemberSettingsSection({ member }: MemberSectionProps) {
  return (
    <section className="panel member-section-link">
      <div>
        <h2>Phone, channel and dock settings</h2>
        <p className="muted small">Overrides over {member.firstName}'s primary team, and where each value comes from.</p>
      </div>
      <Link className="btn" to={`/members/${encodeURIComponent(member.userId)}/settings`} data-testid="member-settings-open">
        Open settings
      </Link>
    </section>
  );
}

/** Seed 003: only admins set restrictions, never their own. */
export function MemberRestrictionsSection({ member, onMemberChange }: MemberSectionProps) {
  const { actor, allows } = useWorkspace();
  if (!allows("restrictions.set") || member.userId === actor.userId) return null;
  return <RestrictionsPanel key={member.userId} member={member} onSaved={onMemberChange} />;
}
