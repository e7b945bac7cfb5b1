import { PERMISSIONS, reachOf, restrictionsSchema, sipPhoneUser, type MeResponse } from "@switchboard/shared";
import { Router } from "express";
import { trusted } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { SessionModel } from "../auth/session.model.js";
import { AppError } from "../http/app-error.js";
import { requireAuth } from "../http/request-context.js";
import { toMemberContext } from "../members/member-context.js";
import { membershipsOf } from "../members/membership-cache.js";
import { MembershipModel } from "../members/membership.model.js";
import { loadMemberSettings } from "../settings/member-settings.service.js";
import { toPublicUser } from "../users/public-user.js";
import { issueSipAccount } from "../sip/sip-credentials.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";

type MembershipAccess = { roles: Parameters<typeof reachOf>[0]["roles"]; teams: unknown[]; restrictions?: unknown };
const mayUseDockIn = (userId: string, m: MembershipAccess) =>
  reachOf({ userId, roles: m.roles, teams: m.teams.map(String), restrictions: restrictionsSchema.parse(m.restrictions ?? {}) }, "dock.use") !== false;

export function meRouter(deps: AppDeps): Router {
  const router = Router();
  // DESIGN.md §14: short-lived SIP credentials for a member who may use the dock.
  router.get("/sip", async (req, res) => {
    const auth = requireAuth(req);
    const sip = deps.config.sip;
    if (!sip) throw new AppError("SIP_NOT_CONFIGURED", "This server has no SIP front configured.");
    const memberships = await MembershipModel.find({ userId: auth.userId, status: "active" }, { roles: 1, teams: 1, restrictions: 1 }).lean();
    const mayUseDock = memberships.some((m) => mayUseDockIn(auth.userId, m));
    if (!mayUseDock) throw new AppError("FORBIDDEN", "This account may not use the dock.");
    const now = deps.clock.now();
    await SessionModel.updateOne({ _id: auth.tokenHash }, { sipIssuedAt: now });
    res.json(issueSipAccount(sip, auth.userId, now));
  });
  // DESIGN.md §9 endpoint `sip`: the member's own SIP phone registers under an account of its own
  // (`<userId>.phone`), only where an admin allowed SIP clients (allowSipClients).
  router.get("/sip/phone", async (req, res) => {
    const auth = requireAuth(req);
    const sip = deps.config.sip;
    if (!sip) throw new AppError("SIP_NOT_CONFIGURED", "This server has no SIP front configured.");
    const memberships = await MembershipModel.find({ userId: auth.userId, status: "active" }, { workspaceId: 1, roles: 1, teams: 1, restrictions: 1 }).lean();
    let allowed = false;
    for (const m of memberships) {
      if (!mayUseDockIn(auth.userId, m)) continue;
      const settings = await loadMemberSettings(membershipsOf(deps), String(m.workspaceId), auth.userId).catch(() => null);
      if (settings?.values.allowSipClients) allowed = true;
    }
    if (!allowed) throw new AppError("FORBIDDEN", "SIP phones are not allowed for this account.");
    res.json(issueSipAccount(sip, sipPhoneUser(auth.userId), deps.clock.now()));
  });
  router.get("/", async (req, res) => {
    const auth = requireAuth(req);
    const memberships = await MembershipModel.find({ userId: auth.userId, status: "active" }).lean();
    const workspaces = await WorkspaceModel.find({ _id: trusted({ $in: memberships.map((m) => m.workspaceId) }) }, { name: 1, awayReasons: 1 }).lean();
    const workspaceById = new Map(workspaces.map((w) => [String(w._id), w]));
    const body: MeResponse = {
      user: toPublicUser(auth.user),
      memberships: memberships.map((m) => {
        const actor = toMemberContext(m);
        return {
          workspaceId: String(m.workspaceId),
          workspaceName: workspaceById.get(String(m.workspaceId))?.name ?? "",
          awayReasons: [...(workspaceById.get(String(m.workspaceId))?.awayReasons ?? [])],
          roles: [...actor.roles],
          teams: [...actor.teams],
          restrictions: restrictionsSchema.parse(actor.restrictions ?? {}),
          permissions: Object.fromEntries(PERMISSIONS.map((p) => [p, reachOf(actor, p)])),
        };
      }),
    };
    res.json(body);
  });
  return router;
}
