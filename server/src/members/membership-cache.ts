import type { AppDeps } from "../app-deps.js";
import { MembershipModel } from "./membership.model.js";

const loadOne = (workspaceId: string, userId: string) => MembershipModel.findOne({ workspaceId, userId, status: "active" }).lean();
export type LeanMembership = NonNullable<Awaited<ReturnType<typeof loadOne>>>;

interface Loaded {
  /** Ordered by name then `_id`, as the members table and the presence board list them. */
  list: LeanMembership[];
  byUser: Map<string, LeanMembership>;
}

/** A change to apply to a loaded workspace, in place. */
type Step = (loaded: Loaded) => Promise<void> | void;

interface Entry {
  at: number;
  /** Last read, so workspaces nobody uses leave memory. */
  readAt: number;
  /** Every read awaits this, so a step queued by an event is seen by the next read on this node. */
  loaded: Promise<Loaded>;
  /** Steps queued while a background reload runs, replayed on its result before it takes over. */
  replay?: Step[];
}

/**
 * How long a workspace is trusted without a reload. Events keep the cache in step; this only
 * bounds the harm of one lost between nodes. Past it, reads keep the old copy while a
 * reload runs, so nobody waits for a full scan.
 */
const FRESH_MS = 5 * 60_000;
/** A workspace's copy not read for this long is dropped (checked at most once a minute, on a read). */
const IDLE_MS = 30 * 60_000;

/** The members' order everywhere: name, then `_id` so equal names keep a stable order across pages. */
export const byNameThenId = (a: LeanMembership, b: LeanMembership) =>
  a.nameLower < b.nameLower ? -1 : a.nameLower > b.nameLower ? 1 : String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0;

function remove(loaded: Loaded, userId: string): void {
  const old = loaded.byUser.get(userId);
  if (!old) return;
  loaded.byUser.delete(userId);
  loaded.list.splice(loaded.list.indexOf(old), 1);
}

function insert(loaded: Loaded, membership: LeanMembership): void {
  const { list } = loaded;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (byNameThenId(list[mid]!, membership) < 0) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, membership);
  loaded.byUser.set(String(membership.userId), membership);
}

async function loadWorkspace(workspaceId: string): Promise<Loaded> {
  const list = await MembershipModel.find({ workspaceId, status: "active" }).lean();
  list.sort(byNameThenId);
  return { list, byUser: new Map(list.map((m) => [String(m.userId), m])) };
}

/**
 * Active memberships per workspace, in memory: socket handshakes, REST authorization, presence
 * snapshots and the members table read them here. FerretDB's SQLite backend scans a collection
 * for any filter but `_id`, so at 50,000 members every read of the collection costs seconds;
 * one scan per workspace serves them all, and membership events (relayed to every node) update
 * the copy one membership at a time, by `_id`.
 */
export class MembershipCache {
  private readonly workspaces = new Map<string, Entry>();
  private readonly freshMs: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private sweptAt: number;

  constructor(options: { freshMs?: number; idleMs?: number; now?: () => number } = {}) {
    this.freshMs = options.freshMs ?? FRESH_MS;
    this.idleMs = options.idleMs ?? IDLE_MS;
    this.now = options.now ?? Date.now;
    this.sweptAt = this.now();
  }

  /** Every active membership of the workspace, ordered by name. Do not mutate. */
  async active(workspaceId: string): Promise<readonly LeanMembership[]> {
    return (await this.entry(workspaceId).loaded).list;
  }

  async find(workspaceId: string, userId: string): Promise<LeanMembership | null> {
    // Someone who is not in the copy is asked for alone: a member the events have not reached yet.
    return (await this.entry(workspaceId).loaded).byUser.get(userId) ?? loadOne(workspaceId, userId);
  }

  /**
   * What this node knows of a member without loading the workspace: the copy when there is one
   * (after any queued step), otherwise the database.
   */
  async lookup(workspaceId: string, userId: string): Promise<LeanMembership | null> {
    const entry = this.workspaces.get(workspaceId);
    return entry ? ((await entry.loaded).byUser.get(userId) ?? null) : loadOne(workspaceId, userId);
  }

  /**
   * A member's membership was written: reread it (by `_id` when the copy knows it, the one lookup
   * FerretDB's SQLite backend pushes down) and put it in place, or take it out if no longer active.
   */
  reload(workspaceId: string, userId: string): void {
    this.step(workspaceId, async (loaded) => {
      const known = loaded.byUser.get(userId);
      const membership = known ? await MembershipModel.findById(known._id).lean() : await loadOne(workspaceId, userId);
      remove(loaded, userId);
      if (membership?.status === "active") insert(loaded, membership);
    });
  }

  /** A member left the workspace. */
  drop(workspaceId: string, userId: string): void {
    this.step(workspaceId, (loaded) => remove(loaded, userId));
  }

  /** lastActiveAt was written for a member: keep the copy's date in step without a read. */
  touch(workspaceId: string, userId: string, at: Date): void {
    this.step(workspaceId, (loaded) => {
      const membership = loaded.byUser.get(userId);
      if (membership && (!membership.lastActiveAt || membership.lastActiveAt < at)) membership.lastActiveAt = at;
    });
  }

  /** Queued on the workspace's copy if there is one; a workspace nobody has read needs nothing. */
  private step(workspaceId: string, step: Step): void {
    const entry = this.workspaces.get(workspaceId);
    if (!entry) return;
    entry.replay?.push(step);
    entry.loaded = this.settle(workspaceId, entry, entry.loaded.then(async (loaded) => (await step(loaded), loaded)));
  }

  private entry(workspaceId: string): Entry {
    const now = this.now();
    this.sweepIdle(now);
    const entry = this.workspaces.get(workspaceId);
    if (!entry) {
      const created: Entry = { at: now, readAt: now, loaded: loadWorkspace(workspaceId) };
      this.settle(workspaceId, created, created.loaded);
      this.workspaces.set(workspaceId, created);
      return created;
    }
    entry.readAt = now;
    if (now - entry.at > this.freshMs && !entry.replay) this.refresh(workspaceId, entry);
    return entry;
  }

  private sweepIdle(now: number): void {
    if (now - this.sweptAt < Math.min(60_000, this.idleMs)) return;
    this.sweptAt = now;
    for (const [workspaceId, entry] of this.workspaces) if (now - entry.readAt > this.idleMs) this.workspaces.delete(workspaceId);
  }

  /** Reloads in the background; steps queued meanwhile are replayed on the new copy before it is used. */
  private refresh(workspaceId: string, entry: Entry): void {
    const replay: Step[] = [];
    entry.replay = replay;
    void loadWorkspace(workspaceId)
      .then(async (fresh) => {
        // A step queued during the replay joins `replay` and is run by this same loop.
        for (const step of replay) await step(fresh);
        if (this.workspaces.get(workspaceId) !== entry) return;
        entry.at = this.now();
        entry.loaded = Promise.resolve(fresh);
      })
      .catch(() => {})
      .finally(() => {
        if (entry.replay === replay) delete entry.replay;
      });
  }

  /** A failed load or step drops the copy, so the next read starts afresh instead of failing forever. */
  private settle(workspaceId: string, entry: Entry, loaded: Promise<Loaded>): Promise<Loaded> {
    loaded.catch(() => this.workspaces.get(workspaceId) === entry && this.workspaces.delete(workspaceId));
    return loaded;
  }
}

const caches = new WeakMap<AppDeps, MembershipCache>();

/** One cache per app instance, shared by the REST routes, the sockets and presence (all built from the same deps). */
export function membershipsOf(deps: AppDeps): MembershipCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new MembershipCache();
    caches.set(deps, cache);
  }
  return cache;
}
