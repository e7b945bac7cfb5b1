import { invitableRoles, reachOf, type Role } from "@switchboard/shared";
import { useWorkspace } from "../app/session-context";
import { capitalize } from "../lib/format";
import { useTeams } from "../teams/use-teams";
import { CheckboxGroup } from "../ui/checkbox-group";
import { ROLE_DESCRIPTIONS } from "./role-descriptions";

interface AccessPickersProps {
  /** `invite` or `csv`: boxes are `${prefix}-role-<role>` and `${prefix}-team-<teamId>`. */
  prefix: string;
  roles: Role[];
  teams: string[];
  onRoles: (roles: Role[]) => void;
  onTeams: (teams: string[]) => void;
  errors: { roles?: string; teams?: string };
}

/** Roles the signed-in member may hand out (§5) and the teams they may invite into. */
export function useInviteChoices() {
  const { actor } = useWorkspace();
  const { teams: allTeams } = useTeams();
  const ownTeamsOnly = reachOf(actor, "members.invite") === "ownTeams";
  const teamOptions = allTeams.filter((t) => !ownTeamsOnly || actor.teams.includes(t.id)).map((t) => ({ value: t.id, label: t.name }));
  const roleOptions = invitableRoles(actor).map((r) => ({ value: r, label: capitalize(r), description: ROLE_DESCRIPTIONS[r] }));
  return { roleOptions, teamOptions };
}

/** The batch's roles and teams (rows may name their own in the manual form). */
export function AccessPickers({ prefix, roles, teams, onRoles, onTeams, errors }: AccessPickersProps) {
  const { roleOptions, teamOptions } = useInviteChoices();

  return (
    <div className="pickers">
      <CheckboxGroup legend={prefix === "invite" ? "Roles for everyone" : "Roles"} testId={`${prefix}-role`} options={roleOptions} value={roles} onChange={(v) => onRoles(v as Role[])} error={errors.roles} required />
      <CheckboxGroup legend={prefix === "invite" ? "Teams for everyone" : "Teams"} testId={`${prefix}-team`} options={teamOptions} value={teams} onChange={onTeams} error={errors.teams} required emptyText="No team you may invite into." />
    </div>
  );
}
