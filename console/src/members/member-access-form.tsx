import { memberEditRights, ROLES, type Member } from "@switchboard/shared";
import { useState, type FormEvent } from "react";
import { useWorkspace } from "../app/session-context";
import type { FieldErrors } from "../lib/field-issues";
import { capitalize } from "../lib/format";
import { useTeams } from "../teams/use-teams";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormField } from "../ui/form-field";
import { draftOf, editorErrorsOf, patchOf, type MemberDraft } from "./member-draft";
import { patchMember } from "./members.api";
import { TeamOrderPicker } from "./team-order-picker";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: capitalize(role) }));

interface MemberAccessFormProps {
  member: Member;
  onSaved: (member: Member) => void;
}

/** "Profile & access": organization-level profile fields, then roles and ordered teams (seed 003). */
export function MemberAccessForm({ member, onSaved }: MemberAccessFormProps) {
  const { workspaceId, actor } = useWorkspace();
  const { teams, nameOf } = useTeams();
  const rights = memberEditRights(actor, member);
  const [draft, setDraft] = useState<MemberDraft>(() => draftOf(member));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const patch = patchOf(member, draft);
  const dirty = Object.keys(patch).length > 0;

  const set = (next: Partial<MemberDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setSaved(false);
    setErrors((e) => {
      const rest = { ...e };
      for (const key of Object.keys(next)) delete rest[key];
      delete rest["(form)"];
      return rest;
    });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || busy) return;
    setBusy(true);
    try {
      const next = await patchMember(workspaceId, member.userId, patch);
      setDraft(draftOf(next));
      setErrors({});
      setSaved(true);
      onSaved(next);
    } catch (error) {
      setErrors(editorErrorsOf(error, patch));
    } finally {
      setBusy(false);
    }
  };

  const text = (field: keyof MemberDraft & string, label: string, testId: string, extra: { type?: string; hint?: string; wide?: boolean; locked?: boolean } = {}) => (
    <div className={extra.wide ? "member-cell member-cell-wide" : "member-cell"}>
      <FormField
      label={label}
      testId={testId}
      type={extra.type ?? "text"}
      hint={extra.hint}
      value={draft[field] as string}
      onChange={(e) => set({ [field]: e.target.value })}
      error={errors[field]}
      disabled={!rights.mayEditProfile || extra.locked || busy}
      />
    </div>
  );

  return (
    <form className="panel member-access" data-testid="member-access-form" onSubmit={onSubmit} noValidate>
      <header className="member-section-header">
        <h2>Profile &amp; access</h2>
        {rights.mayEditProfile ? (
          <span className="muted small">Profile changes apply in every workspace of the organization.</span>
        ) : (
          <span className="muted small" data-testid="member-profile-readonly">
            You may not edit this member's profile.
          </span>
        )}
      </header>
      <div className="form-grid member-grid">
        {text("firstName", "First name", "member-first-name")}
        {text("lastName", "Last name", "member-last-name")}
        {text("email", "E-mail", "member-email", {
          type: "email",
          wide: true,
          locked: !rights.mayEditEmail,
          hint: rights.mayEditProfile && !rights.mayEditEmail ? "Only an admin changes another person's sign-in e-mail" : undefined,
        })}
        {text("username", "Username", "member-username")}
        {text("phone", "Phone", "member-phone", { type: "tel", hint: "Digits with an optional leading +" })}
        {text("location", "Location", "member-location", { wide: true })}
        {text("skills", "Skills", "member-skills", { hint: "Comma-separated, e.g. Billing, Returns", wide: true })}
        {text("languages", "Languages", "member-languages", { hint: "Comma-separated, e.g. English, French", wide: true })}
      </div>

      <div className="member-access-grid">
        <div>
          <CheckboxGroup
            legend="Roles"
            testId="member-roles"
            required
            options={ROLE_OPTIONS}
            value={draft.roles}
            onChange={(roles) => set({ roles: roles as MemberDraft["roles"] })}
            disabledValues={ROLES.filter((role) => busy || !rights.grantable.includes(role))}
            note={rights.accessLockedReason ?? (rights.mayChangeRoles ? grantNote(rights.grantable.length) : "Your role does not allow changing roles")}
            error={errors.roles}
          />
        </div>
        <TeamOrderPicker
          value={draft.teams}
          teams={teams}
          nameOf={nameOf}
          touchable={rights.touchableTeams}
          locked={!rights.mayChangeTeams}
          disabled={busy}
          onChange={(next) => set({ teams: next })}
          error={errors.teams}
        />
      </div>

      {errors["(form)"] ? (
        <div className="banner banner-error" role="alert" data-testid="member-save-error">
          {errors["(form)"]}
        </div>
      ) : null}
      <div className="form-actions">
        {saved ? (
          <span className="ok" data-testid="member-saved" role="status">
            Saved
          </span>
        ) : null}
        <button type="button" className="btn" data-testid="member-discard" disabled={!dirty || busy} onClick={() => set(draftOf(member))}>
          Discard
        </button>
        <button type="submit" className="btn btn-primary" data-testid="member-save" disabled={!dirty || busy}>
          {busy ? "Saving…" : "Save changes"}
        </button>
      </div>
    </form>
  );
}

const grantNote = (count: number) => (count < ROLES.length ? "Roles above what you may grant are disabled" : undefined);
