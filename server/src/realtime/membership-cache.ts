import { MembershipModel } from "../members/membership.model.js";

type LeanMembership = NonNullable<Awaited<ReturnType<typeof loadOne>>>;
const loadOne = (workspaceId: string, userId: string) => MembershipModel.findOne({ workspaceId, userId, status: "active" }).lean();

const FRESH_MS = 30_000;

/**
 * Active memberships per workspace for socket handshakes. FerretDB's SQLite backend scans a
 * collection for anything but `_id`, so 2,000 docks reconnecting after a deploy would scan the
 * memberships 2,000 times; one scan per workspace serves them all. Entries are dropped on the
 * membership events (relayed to every node), and never trusted longer than FRESH_MS.
 */
export class MembershipCache {
  private readonly workspaces = new Map<string, { at: number; members: Promise<Map<string, LeanMembership>> }>();

  async find(workspaceId: string, userId: string): Promise<LeanMembership | null> {
    let entry = this.workspaces.get(workspaceId);
    if (!entry || Date.now() - entry.at > FRESH_MS) {
      const members = MembershipModel.find({ workspaceId, status: "active" })
        .lean()
        .then((list) => new Map(list.map((m) => [String(m.userId), m])));
      entry = { at: Date.now(), members };
      this.workspaces.set(workspaceId, entry);
      members.catch(() => this.workspaces.get(workspaceId) === entry && this.workspaces.delete(workspaceId));
    }
    // A member who joined since the last load is not in it: ask the database for them alone.
    return (await entry.members).get(userId) ?? loadOne(workspaceId, userId);
  }

  forget(workspaceId: string): void {
    this.workspaces.delete(workspaceId);
  }
}
