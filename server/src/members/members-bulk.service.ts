import { can, type MemberBulk, type MemberBulkResult, type MemberPatch } from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { AppError, forbidden, notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { patchMember, revokeMember } from "./member-access.service.js";
import { membershipsOf } from "./membership-cache.js";

type Verdict = MemberBulkResult["results"][number];

/** The one permission the action needs whoever the members are; a caller without it is refused as a whole. */
function refuseActionOutright(actor: MemberContext, bulk: MemberBulk): void {
  if (bulk.action === "revoke" && !can(actor, "members.revoke")) throw forbidden("Your role does not allow revoking access.");
  if (bulk.action === "changeRoles" && !can(actor, "members.changeRoles")) throw forbidden("Your role does not allow changing roles.");
}

/** The patch that carries out the action for one member, or null when they are already as asked. */
function patchFor(bulk: Exclude<MemberBulk, { action: "revoke" }>, teams: string[], roles: string[]): MemberPatch | null {
  switch (bulk.action) {
    case "addToTeam":
      return teams.includes(bulk.team) ? null : { teams: [...teams, bulk.team] };
    case "removeFromTeam": {
      if (!teams.includes(bulk.team)) return null;
      const rest = teams.filter((id) => id !== bulk.team);
      // Seed 000: "Teams" is mandatory; refusing here says why instead of a bare schema message.
      if (rest.length === 0) throw new AppError("VALIDATION_FAILED", "This is their only team; a member keeps at least one team.");
      return { teams: rest };
    }
    case "changeRoles": {
      const same = roles.length === bulk.roles.length && bulk.roles.every((role) => roles.includes(role));
      return same ? null : { roles: bulk.roles };
    }
  }
}

async function applyToOne(deps: AppDeps, actor: MemberContext, bulk: MemberBulk, userId: string): Promise<Verdict["status"]> {
  // Through the single-member services: the same §5 checks, audit, events and undo on refusal.
  if (bulk.action === "revoke") {
    await revokeMember(deps, actor, userId, null);
    return "done";
  }
  const current = await membershipsOf(deps).find(actor.workspaceId, userId);
  if (!current) throw notFound("Member");
  const patch = patchFor(bulk, current.teams.map(String), current.roles);
  if (!patch) return "unchanged";
  await patchMember(deps, actor, userId, patch);
  return "done";
}

/**
 * A bulk action, member by member (issue 15): each is checked against §5 on their own and gets
 * their own verdict, so a manager revoking a page that holds an admin revokes the others and is
 * told who was refused and why. One at a time on purpose: the last-admin rule counts admins
 * between writes, and FerretDB v1 is not atomic across concurrent writes.
 */
export async function applyMemberBulk(deps: AppDeps, actor: MemberContext, bulk: MemberBulk): Promise<MemberBulkResult> {
  refuseActionOutright(actor, bulk);
  const results: Verdict[] = [];
  for (const userId of bulk.userIds) {
    try {
      results.push({ userId, status: await applyToOne(deps, actor, bulk, userId) });
    } catch (err) {
      if (err instanceof AppError) {
        results.push({ userId, status: "refused", code: err.code, message: err.message });
        continue;
      }
      // One member's unexpected failure must not hide the verdicts already reached for the others.
      deps.logger.error({ err, userId, action: bulk.action }, "bulk member action failed");
      results.push({ userId, status: "failed", code: "INTERNAL", message: "Could not be changed; try again." });
    }
  }
  return { results };
}
