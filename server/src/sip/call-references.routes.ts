import { callReferenceBodySchema, type CallReferenceResponse } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { contactNumberForCall } from "../contacts/contacts.service.js";
import { AppError, forbidden } from "../http/app-error.js";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { membershipsOf } from "../members/membership-cache.js";
import { loadMemberSettings } from "../settings/member-settings.service.js";
import { issueCallReference } from "./call-references.js";

/**
 * /api/workspaces/:ws/calls/references: the dock asks for an opaque address to dial a contact or a
 * clicked number (DESIGN.md §14). The number stays on the server: a masked member dials a contact
 * they cannot read, and Kamailio learns the number only from the server's answer.
 */
export function callReferencesRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  router.post("/", requirePermission("dock.use"), async (req, res) => {
    const actor = requireMember(req);
    const sip = deps.config.sip;
    if (!sip) throw new AppError("SIP_NOT_CONFIGURED", "This server has no SIP front configured.");
    const body = callReferenceBodySchema.parse(req.body);
    let number: string | null;
    let contactId: string | null = null;
    if ("contactId" in body) {
      contactId = body.contactId;
      number = await contactNumberForCall(actor, contactId);
      if (!number) throw new AppError("VALIDATION_FAILED", "contactId: This contact has no phone number.", { issues: [{ path: "contactId", message: "No phone number" }] });
    } else {
      const settings = await loadMemberSettings(membershipsOf(deps), actor.workspaceId, actor.userId);
      if (!settings.values.clickToCall) throw forbidden("Click-to-call is off for you.");
      number = body.number;
    }
    const issued = issueCallReference(sip.secret, { workspaceId: actor.workspaceId, userId: actor.userId, number, contactId }, deps.clock.now());
    const answer: CallReferenceResponse = { uri: `sip:${issued.user}@${sip.domain}`, expiresAt: issued.expiresAt.toISOString() };
    res.status(201).json(answer);
  });
  return router;
}
