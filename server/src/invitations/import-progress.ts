import type { ImportProgress } from "@switchboard/shared";
import { notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";

/*
 * Progress of the CSV imports running in this process, for the uploader's console to poll while
 * its upload request is still open (issue 15: a 10,000-row file takes seconds).
 *
 * Why memory and not the database: progress is a view of a request this process is serving; the
 * import's durable state is its invitations and their journal (invitation-completion.ts), which a
 * crash already leaves complete. Writing a progress document every few hundred rows would only add
 * writes to FerretDB's one write queue, which the import itself is waiting on. With several nodes
 * the poll must reach the node serving the upload (the sticky sessions Socket.IO needs anyway);
 * elsewhere it is a 404 and the console keeps showing "Importing…" without a count.
 */

/** A finished import's last figure stays readable this long, for a poll that arrives after the answer. */
const KEEP_FINISHED_MS = 10 * 60_000;

interface Entry extends ImportProgress {
  workspaceId: string;
  userId: string;
  finishedAt?: number;
}

const running = new Map<string, Entry>();

const keyOf = (workspaceId: string, userId: string, id: string) => `${workspaceId}:${userId}:${id}`;

function forget(now: number) {
  for (const [key, entry] of running) if (entry.finishedAt !== undefined && now - entry.finishedAt > KEEP_FINISHED_MS) running.delete(key);
}

export interface ProgressReporter {
  update(done: number, total: number): void;
  finish(state: "done" | "failed"): void;
}

const noReporter: ProgressReporter = { update: () => {}, finish: () => {} };

/** Starts tracking an upload's progress under the id its console chose (none: nothing is tracked). */
export function trackImportProgress(member: MemberContext, id: string | undefined): ProgressReporter {
  if (!id) return noReporter;
  forget(Date.now());
  const entry: Entry = { id, done: 0, total: 0, state: "running", workspaceId: member.workspaceId, userId: member.userId };
  running.set(keyOf(member.workspaceId, member.userId, id), entry);
  return {
    update(done, total) {
      entry.done = done;
      entry.total = total;
    },
    finish(state) {
      entry.state = state;
      entry.finishedAt = Date.now();
    },
  };
}

/** Only the uploader reads an import's progress: the key holds their workspace and user. */
export function readImportProgress(member: MemberContext, id: string): ImportProgress {
  const entry = running.get(keyOf(member.workspaceId, member.userId, id));
  if (!entry) throw notFound("Import");
  return { id: entry.id, done: entry.done, total: entry.total, state: entry.state };
}
