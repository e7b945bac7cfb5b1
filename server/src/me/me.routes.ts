import { PERMISSIONS, reachOf, restrictionsSchema, type MeResponse } from "@switchboard/shared";
import { Router } from "express";
import { trusted } from "mongoose";
import { requireAuth } from "../http/request-context.js";
import { toMemberContext } from "../members/member-context.js";
import { MembershipModel } from "../members/membership.model.js";
import { toPublicUser } from "../users/public-user.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";

export function meRouter(): Router {
  const router = Router();
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
