import { memberBulkSchema, memberExportQuerySchema, memberListQuerySchema, memberPatchSchema, objectIdSchema, revokeBodySchema } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { patchMember, revokeMember } from "./member-access.service.js";
import { writeMembersCsv } from "./members-export.js";
import { getMember, listMembers } from "./members.service.js";
import { applyMemberBulk } from "./members-bulk.service.js";

/** /api/workspaces/:ws/members (DESIGN.md §12). */
export function membersRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });

  router.get("/", requirePermission("members.view"), async (req, res) => {
    res.json(await listMembers(deps, requireMember(req).workspaceId, memberListQuerySchema.parse(req.query)));
  });

  router.get("/export.csv", requirePermission("data.export"), async (req, res) => {
    await writeMembersCsv(deps, requireMember(req).workspaceId, memberExportQuerySchema.parse(req.query), res);
  });

  router.get("/:userId", requirePermission("members.view"), async (req, res) => {
    res.json(await getMember(deps, requireMember(req).workspaceId, objectIdSchema.parse(req.params.userId)));
  });

  // Who may change what is decided per field in the service; viewers and agents change nothing.
  router.patch("/:userId", requirePermission("console.write"), async (req, res) => {
    const patch = memberPatchSchema.parse(req.body);
    res.json(await patchMember(deps, requireMember(req), objectIdSchema.parse(req.params.userId), patch));
  });

  router.post("/:userId/revoke", requirePermission("members.revoke"), async (req, res) => {
    const { reassignContactsTo } = revokeBodySchema.parse(req.body ?? {});
    res.json(await revokeMember(deps, requireMember(req), objectIdSchema.parse(req.params.userId), reassignContactsTo));
  });
  // Each member gets their own verdict (§5 checked per member); the action's own permission is checked first.
  router.post("/bulk", requirePermission("console.write"), async (req, res) => {
    res.json(await applyMemberBulk(deps, requireMember(req), memberBulkSchema.parse(req.body)));
  });
  return router;
}
