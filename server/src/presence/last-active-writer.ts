import type { AppDeps } from "../app-deps.js";
import type { MembershipCache } from "../members/membership-cache.js";
import { MembershipModel } from "../members/membership.model.js";
import { memberKey } from "./presence.store.js";

/** Throttled lastActiveAt writes are gathered and sent as one bulk write this often. */
const LAST_ACTIVE_FLUSH_MS = 1_000;

type LastActiveWrite = { filter: Record<string, unknown>; at: Date };
/** `$max`: writes may land in any order (a batch in flight, then the final one), the latest time wins. */
const lastActiveUpdate = ({ filter, at }: LastActiveWrite) => ({ updateOne: { filter, update: { $max: { lastActiveAt: at } } } });

export interface ActiveMember {
  workspaceId: string;
  userId: string;
  membershipId?: string;
}

/** By `_id` when the membership is known: an index lookup anywhere (FerretDB's SQLite backend pushes down only `_id`). */
const filterOf = (member: ActiveMember) => (member.membershipId ? { _id: member.membershipId } : { workspaceId: member.workspaceId, userId: member.userId });

/**
 * Membership.lastActiveAt, written without a database round trip per presence change: the
 * members list sees each move at once (the membership cache), the database in batches.
 */
export class LastActiveWriter {
  private readonly due = new Map<string, LastActiveWrite>();
  private timer: NodeJS.Timeout | null = null;
  /** When each member's console use last moved lastActiveAt (the throttle of noteConsole). */
  private readonly consoleActiveAt = new Map<string, number>();

  constructor(
    private readonly deps: AppDeps,
    private readonly memberships: MembershipCache,
  ) {}

  /** `now`: going offline waits for the write (it is the last word); otherwise it joins the next batch. */
  async write(member: ActiveMember, at: Date, { now = false } = {}): Promise<void> {
    const write = { filter: filterOf(member), at };
    this.memberships.touch(member.workspaceId, member.userId, at);
    const id = memberKey(member);
    if (now) {
      this.due.delete(id);
      await MembershipModel.bulkWrite([lastActiveUpdate(write)]);
    } else {
      this.due.set(id, write);
      this.schedule();
    }
  }

  /**
   * Using the console is activity too: lastActiveAt moves at most once per presencePersistMs per
   * member (like a dock's), joining the next batched write; the members list sees it at once.
   */
  noteConsole(member: ActiveMember): void {
    const id = memberKey(member);
    const nowMs = this.deps.clock.now().getTime();
    const last = this.consoleActiveAt.get(id);
    if (last !== undefined && nowMs - last < this.deps.config.presencePersistMs) return;
    this.consoleActiveAt.set(id, nowMs);
    const at = this.deps.clock.now();
    this.memberships.touch(member.workspaceId, member.userId, at);
    // A dock's pending write for the same member is older or equal; $max keeps the later date either way.
    this.due.set(id, { filter: filterOf(member), at });
    this.schedule();
  }

  private schedule() {
    this.timer ??= setTimeout(() => void this.flush(), LAST_ACTIVE_FLUSH_MS).unref();
  }

  /** One bulk write for every member whose throttled lastActiveAt came due: no database round trip per change. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const writes = [...this.due.values()];
    this.due.clear();
    if (writes.length === 0) return;
    await MembershipModel.bulkWrite(writes.map(lastActiveUpdate), { ordered: false }).catch((err: unknown) =>
      this.deps.logger.warn({ err }, "could not persist lastActiveAt"),
    );
  }
}
