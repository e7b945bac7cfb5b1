import { MembershipModel } from "./membership.model.js";

const loadOne = (workspaceId: string, userId: string) => MembershipModel.findOne({ workspaceId, userId, status: "active" }).lean();
export type LeanMembership = NonNullable<Awaited<ReturnType<typeof loadOne>>>;

interface Loaded {
  /** Ordered by name, as the presence board lists them. */
  list: LeanMembership[];
  byUser: Map<string, LeanMembership>;
}

const FRESH_MS = 30_000;

/**
 * Active memberships per workspace, for socket handshakes and presence snapshots. FerretDB's
 * SQLite backend scans a collection for anything but `_id`, so 2,000 docks reconnecting after
 * a deploy, or 50 supervisors opening the board, would scan the memberships once each; one
 * scan per workspace serves them all. Entries are dropped on the membership events (relayed
 * to every node), and never trusted longer than FRESH_MS.
 */
export class MembershipCache {
  private readonly workspaces = new Map<string, { at: number; loaded: Promise<Loaded> }>();

  /** Every active membership of the workspace, ordered by name. */
  async active(workspaceId: string): Promise<readonly LeanMembership[]> {
    return (await this.load(workspaceId)).list;
  }

  async find(workspaceId: string, userId: string): Promise<LeanMembership | null> {
    // A member who joined since the last load is not in it: ask the database for them alone.
    return (await this.load(workspaceId)).byUser.get(userId) ?? loadOne(workspaceId, userId);
  }

  forget(workspaceId: string): void {
    this.workspaces.delete(workspaceId);
  }

  private load(workspaceId: string): Promise<Loaded> {
    let entry = this.workspaces.get(workspaceId);
    if (!entry || Date.now() - entry.at > FRESH_MS) {
      const loaded = MembershipModel.find({ workspaceId, status: "active" })
        .sort({ nameLower: 1 })
        .lean()
        .then((list) => ({ list, byUser: new Map(list.map((m) => [String(m.userId), m])) }));
      const created = { at: Date.now(), loaded };
      entry = created;
      this.workspaces.set(workspaceId, created);
      loaded.catch(() => this.workspaces.get(workspaceId) === created && this.workspaces.delete(workspaceId));
    }
    return entry.loaded;
  }
}
