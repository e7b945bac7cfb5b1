import type { Clock } from "../clock.js";
import { AppError } from "../http/app-error.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";

const AWAY_REASONS_CACHE_MS = 2_000;

/**
 * Away reasons come from the workspace's list (admins edit it); briefly cached, docks send many events.
 * One read per workspace at a time, shared by every request that arrives meanwhile: a dock's
 * requests then continue in the order they came (separate reads could finish in any order and
 * apply a burst of status changes out of order).
 */
export class AwayReasons {
  private readonly cache = new Map<string, { reasons: Promise<string[]>; at: number }>();

  constructor(private readonly clock: Clock) {}

  async assert(workspaceId: string, reason: string | undefined): Promise<void> {
    if (reason === undefined) return;
    const nowMs = this.clock.now().getTime();
    let cached = this.cache.get(workspaceId);
    if (!cached || nowMs - cached.at > AWAY_REASONS_CACHE_MS) {
      const reasons = WorkspaceModel.findById(workspaceId, { awayReasons: 1 })
        .lean()
        .then((workspace) => workspace?.awayReasons ?? []);
      cached = { reasons, at: nowMs };
      this.cache.set(workspaceId, cached);
      // A failed read is not kept: the next request tries again.
      reasons.catch(() => this.cache.get(workspaceId) === cached && this.cache.delete(workspaceId));
    }
    const reasons = await cached.reasons;
    if (!reasons.includes(reason)) {
      const message = `Pick one of the workspace's away reasons: ${reasons.join(", ")}`;
      throw new AppError("VALIDATION_FAILED", `awayReason: ${message}`, { issues: [{ path: "awayReason", message }] });
    }
  }
}
