import { contactCreateSchema, contactListQuerySchema, contactPatchSchema, objectIdSchema, type ContactList } from "@switchboard/shared";
import { Router } from "express";
import type { AppDeps } from "../app-deps.js";
import { requireMember } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { membershipsOf } from "../members/membership-cache.js";
import { createContact, deleteContact, getContact, listContacts, updateContact } from "./contacts.service.js";

/** /api/workspaces/:ws/contacts: filtered and masked per the caller's agent restrictions (seed 003). */
export function contactsRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  router.get("/", async (req, res) => {
    const actor = requireMember(req);
    const { items, total } = await listContacts(actor, contactListQuerySchema.parse(req.query));
    // Names from the workspace's membership copy (loaded by this request's authorization): a page of assignees costs no database read.
    const members = membershipsOf(deps);
    const named = await Promise.all(
      items.map(async (contact) => ({ ...contact, assigneeName: contact.assigneeId ? ((await members.lookup(actor.workspaceId, contact.assigneeId))?.name ?? null) : null })),
    );
    res.json({ items: named, total } satisfies ContactList);
  });
  router.get("/:id", async (req, res) => {
    res.json(await getContact(requireMember(req), objectIdSchema.parse(req.params.id)));
  });
  router.post("/", async (req, res) => {
    res.status(201).json(await createContact(requireMember(req), contactCreateSchema.parse(req.body)));
  });
  router.patch("/:id", async (req, res) => {
    const contactId = objectIdSchema.parse(req.params.id);
    res.json(await updateContact(requireMember(req), contactId, contactPatchSchema.parse(req.body)));
  });
  router.delete("/:id", requirePermission("contacts.delete"), async (req, res) => {
    await deleteContact(deps, requireMember(req), objectIdSchema.parse(req.params.id));
    res.status(204).end();
  });
  return router;
}
