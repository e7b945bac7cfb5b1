import { contactListSchema, contactSchema, type ContactCreate, type ContactPatch } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

const contactPath = (contactId: string) => `/contacts/${encodeURIComponent(contactId)}`;

export interface ContactFilters {
  q?: string;
  page: number;
  pageSize: number;
}

export const listContacts = (workspaceId: string, filters: ContactFilters, signal?: AbortSignal) =>
  api(wsPath(workspaceId, "/contacts"), { query: { ...filters }, schema: contactListSchema, signal });

export const createContact = (workspaceId: string, body: Partial<ContactCreate>) =>
  api(wsPath(workspaceId, "/contacts"), { method: "POST", body, schema: contactSchema });

/** Only the fields that change: a masked reader echoing a masked value would be refused. */
export const patchContact = (workspaceId: string, contactId: string, patch: ContactPatch) =>
  api(wsPath(workspaceId, contactPath(contactId)), { method: "PATCH", body: patch, schema: contactSchema });

export const deleteContact = (workspaceId: string, contactId: string) =>
  api<void>(wsPath(workspaceId, contactPath(contactId)), { method: "DELETE" });
