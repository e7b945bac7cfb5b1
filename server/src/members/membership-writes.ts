import type { Types } from "mongoose";
import { onDuplicateKey } from "../db/duplicate-key.js";
import type { DomainEvents } from "../events/domain-events.js";
import { MembershipModel } from "./membership.model.js";

type Id = string | Types.ObjectId;
/** Which membership a write touched, for the announcement. */
interface Written {
  _id: Types.ObjectId;
  workspaceId: Id;
  userId: Id;
}
interface NewMembership {
  workspaceId: Id;
  userId: Id;
  roles: readonly string[];
  teams: readonly Id[];
  name: string;
  nameLower: string;
  emailLower: string;
  phone?: string | null;
  restrictions?: Record<string, unknown>;
}

/**
 * Every write to a membership goes through here, and each one announces itself
 * (`membership.changed`, `membership.revoked`): every node's membership copy
 * (membership-cache.ts), the presence board and the member's live sockets follow those events,
 * so a writer cannot change a membership and forget them.
 */
export class MembershipWrites {
  constructor(private readonly events: DomainEvents) {}

  private changed(membership: Pick<Written, "workspaceId" | "userId">) {
    this.events.emit("membership.changed", { workspaceId: String(membership.workspaceId), userId: String(membership.userId) });
  }

  /** A new active membership; one created first by a concurrent writer is the state wanted. */
  async create(membership: NewMembership): Promise<void> {
    await onDuplicateKey(MembershipModel.create(membership), () => undefined);
    this.changed(membership);
  }

  /** Sets fields of one membership by `_id`, only while `when` still holds; true when it matched. */
  async set(membership: Written, fields: Record<string, unknown>, when: Record<string, unknown> = {}): Promise<boolean> {
    const { matchedCount } = await MembershipModel.updateOne({ _id: membership._id, ...when }, { $set: fields });
    if (matchedCount > 0) this.changed(membership);
    return matchedCount > 0;
  }

  /**
   * Marks an active membership revoked; false when it no longer was. `confirm` runs before the
   * announcement (which ends the member's sessions everywhere) and may undo the revoke and throw.
   */
  async revoke(membership: Written, by: string, at: Date, confirm: () => Promise<void> = async () => {}): Promise<boolean> {
    const { modifiedCount } = await MembershipModel.updateOne({ _id: membership._id, status: "active" }, { $set: { status: "revoked", revokedAt: at, revokedBy: by } });
    if (modifiedCount === 0) return false;
    await confirm();
    this.events.emit("membership.revoked", { workspaceId: String(membership.workspaceId), userId: String(membership.userId), by });
    return true;
  }
}

export const membershipWritesOf = (deps: { events: DomainEvents }) => new MembershipWrites(deps.events);
