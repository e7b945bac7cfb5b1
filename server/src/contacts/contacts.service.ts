import {
  canEditContacts,
  AuditAction,
  canSeeContact,
  contactAccessOf,
  type Contact,
  type ContactCreate,
  type ContactListQuery,
  type ContactPatch,
} from "@switchboard/shared";
import { trusted } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { recordAudit } from "../audit/audit.service.js";
import { AppError, forbidden, notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { MembershipModel } from "../members/membership.model.js";
import { TeamModel } from "../teams/team.model.js";
import { escapeRegex } from "../db/text-search.js";
import { ContactModel } from "./contact.model.js";
import { toContactView, type StoredContact } from "./contact-view.js";


/** Seed 003 visibility as a query, so that lists, counts and search agree with `canSeeContact`. */
function visibilityFilter(actor: MemberContext): Record<string, unknown> | null {
  const { visibility } = contactAccessOf(actor);
  if (visibility === "all") return null;
  if (visibility === "selfOnly") return { assigneeId: actor.userId };
  return { $or: [{ assigneeId: actor.userId }, { teamId: trusted({ $in: actor.teams }) }] };
}

/** Name, e-mail or phone; a masked agent searches names only, or search would reveal the hidden values. */
function searchFilter(q: string, masked: boolean): Record<string, unknown> {
  const text = new RegExp(escapeRegex(q.toLowerCase()));
  const fields: Record<string, unknown>[] = [{ nameLower: text }];
  if (!masked) {
    fields.push({ email: text });
    const digits = q.replace(/\D/g, "");
    if (digits.length >= 3) fields.push({ phone: new RegExp(digits) });
  }
  return { $or: fields };
}

export async function listContacts(actor: MemberContext, query: ContactListQuery) {
  const access = contactAccessOf(actor);
  const clauses: Record<string, unknown>[] = [];
  const visibility = visibilityFilter(actor);
  if (visibility) clauses.push(visibility);
  if (query.q) clauses.push(searchFilter(query.q, access.masked));
  if (query.assigneeId) clauses.push({ assigneeId: query.assigneeId });
  if (query.teamId) clauses.push({ teamId: query.teamId });
  const filter = { workspaceId: actor.workspaceId, ...(clauses.length > 0 ? { $and: clauses } : {}) };
  const [docs, total] = await Promise.all([
    ContactModel.find(filter)
      .sort({ nameLower: 1, _id: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<StoredContact[]>(),
    ContactModel.countDocuments(filter),
  ]);
  return { items: docs.map((doc) => toContactView(doc, access.masked)), total };
}

const visibilityFacts = (doc: { assigneeId?: unknown; teamId?: unknown }) => ({
  assigneeId: doc.assigneeId ? String(doc.assigneeId) : null,
  teamId: doc.teamId ? String(doc.teamId) : null,
});

/** A contact outside the caller's visibility answers 404, like one that does not exist. */
async function loadVisible(actor: MemberContext, contactId: string) {
  const contact = await ContactModel.findOne({ _id: contactId, workspaceId: actor.workspaceId });
  if (!contact || !canSeeContact(actor, visibilityFacts(contact))) throw notFound("Contact");
  return contact;
}

export async function getContact(actor: MemberContext, contactId: string): Promise<Contact> {
  const contact = await loadVisible(actor, contactId);
  return toContactView(contact, contactAccessOf(actor).masked);
}

/**
 * The stored number of a contact the actor may see, for the server's own use (a call reference,
 * DESIGN.md §14): it never goes back to the caller of this function's route.
 */
export async function contactNumberForCall(actor: MemberContext, contactId: string): Promise<string | null> {
  const contact = await loadVisible(actor, contactId);
  return contact.phone ?? null;
}

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${path}: ${message}`, { issues: [{ path, message }] });

async function assertReferences(workspaceId: string, refs: { assigneeId?: string | null; teamId?: string | null }): Promise<void> {
  if (refs.assigneeId && !(await MembershipModel.exists({ workspaceId, userId: refs.assigneeId, status: "active" }))) {
    throw invalid("assigneeId", "Not an active member of this workspace");
  }
  if (refs.teamId && !(await TeamModel.exists({ _id: refs.teamId, workspaceId }))) {
    throw invalid("teamId", "Not a team of this workspace");
  }
}

function assertMayEdit(actor: MemberContext): void {
  if (!canEditContacts(actor)) throw forbidden("Your role may not change contacts.");
}

export async function createContact(actor: MemberContext, body: ContactCreate): Promise<Contact> {
  assertMayEdit(actor);
  const access = contactAccessOf(actor);
  // A restricted agent's new contact is theirs unless they say otherwise, so they keep seeing it.
  const assigneeId = body.assigneeId !== undefined ? body.assigneeId : access.visibility === "all" ? null : actor.userId;
  await assertReferences(actor.workspaceId, { assigneeId, teamId: body.teamId });
  if (!canSeeContact(actor, { assigneeId, teamId: body.teamId })) {
    throw forbidden("You may only create contacts you can see: assign it to yourself or your team.");
  }
  const contact = await ContactModel.create({
    workspaceId: actor.workspaceId,
    name: body.name,
    nameLower: body.name.toLowerCase(),
    phone: body.phone,
    email: body.email,
    assigneeId,
    teamId: body.teamId,
  });
  return toContactView(contact, access.masked);
}

/** Seed 003: a masked agent may add a missing phone or e-mail but never change or remove one. */
function assertMaskedMayWrite(contact: { phone?: string | null; email?: string | null }, patch: ContactPatch): void {
  for (const field of ["phone", "email"] as const) {
    if (patch[field] !== undefined && contact[field]) {
      throw new AppError("FORBIDDEN", `Ask a manager to change this contact's ${field === "phone" ? "phone number" : "e-mail"}.`, { path: field });
    }
  }
}

export async function updateContact(actor: MemberContext, contactId: string, patch: ContactPatch): Promise<Contact> {
  assertMayEdit(actor);
  const access = contactAccessOf(actor);
  const contact = await loadVisible(actor, contactId);
  if (access.masked) assertMaskedMayWrite(contact, patch);
  await assertReferences(actor.workspaceId, patch);
  const changes = {
    ...(patch.name === undefined ? {} : { name: patch.name, nameLower: patch.name.toLowerCase() }),
    ...(patch.phone === undefined ? {} : { phone: patch.phone }),
    ...(patch.email === undefined ? {} : { email: patch.email }),
    ...(patch.assigneeId === undefined ? {} : { assigneeId: patch.assigneeId }),
    ...(patch.teamId === undefined ? {} : { teamId: patch.teamId }),
  };
  // Only the fields this patch names (DESIGN.md §2: no load-then-save on FerretDB).
  const { matchedCount } = await ContactModel.updateOne({ _id: contact._id, workspaceId: actor.workspaceId }, { $set: changes });
  if (matchedCount === 0) throw notFound("Contact");
  contact.set(changes);
  return toContactView(contact, access.masked);
}

export async function deleteContact(deps: AppDeps, actor: MemberContext, contactId: string): Promise<void> {
  const contact = await loadVisible(actor, contactId);
  await ContactModel.deleteOne({ _id: contact._id });
  await recordAudit({
    workspaceId: actor.workspaceId,
    actor: { id: actor.userId, name: actor.name },
    action: AuditAction.contactDeleted,
    target: { type: "contact", id: contactId, label: contact.name },
    before: { name: contact.name, phone: contact.phone, email: contact.email, ...visibilityFacts(contact) },
    at: deps.clock.now(),
  });
}
