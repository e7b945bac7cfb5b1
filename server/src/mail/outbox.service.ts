import type { OutboxItem, OutboxPage, OutboxQuery } from "@switchboard/shared";
import { trusted, Types } from "mongoose";
import { containsText } from "../db/text-search.js";
import { OutboxMessageModel } from "./outbox.model.js";


/**
 * One outbox page, newest first, keyed by `_id` (ObjectIds grow with time): `before` continues
 * below the previous page instead of skipping over it, so MongoDB reads one page from the
 * `{ workspaceId, _id }` index however deep the page. FerretDB v1 (SQLite) still scans the
 * collection for this filter (it pushes down only an exact `{ _id }`, a range included), which is
 * why the route also bounds how many of these run at once (http/heavy-reads.ts).
 * `visible` narrows the e-mails further (who may see which e-mail), merged into the same query.
 */
export async function listOutbox(workspaceId: string, query: OutboxQuery, visible: Record<string, unknown> = {}): Promise<OutboxPage> {
  const filter: Record<string, unknown> = { ...visible, workspaceId: new Types.ObjectId(workspaceId) };
  if (query.before) filter._id = trusted({ $lt: new Types.ObjectId(query.before) });
  if (query.q) filter.to = containsText(query.q);
  const docs = await OutboxMessageModel.find(filter, { workspaceId: 0, html: 0, dedupeKey: 0, claimToken: 0 })
    .sort({ _id: -1 })
    .limit(query.pageSize + 1)
    .lean();
  const page = docs.slice(0, query.pageSize);
  const items: OutboxItem[] = page.map((m) => ({
    id: String(m._id),
    to: m.to,
    subject: m.subject,
    text: m.text,
    createdAt: m.createdAt.toISOString(),
    // E-mails kept before the queue existed have no status: they were stored, never sent.
    status: m.status ?? "sent",
  }));
  return { items, nextBefore: docs.length > query.pageSize ? items.at(-1)!.id : null };
}
