import { trusted } from "mongoose";
import { InteractionModel, type InteractionDoc } from "./interaction.model.js";

/** An interaction not yet connected, as routing needs it. */
export interface Waiting {
  id: string;
  workspaceId: string;
  queueId: string;
  kind: InteractionDoc["kind"];
  state: "queued" | "offered";
  queuedAt: number;
  enqueuedAt: number;
  /** Agents offered it so far (nobody twice before everyone eligible was tried). */
  tried: string[];
  ringing: { offerId: string; agentId: string; expiresAt: number } | null;
}

const byQueueOrder = (a: Waiting, b: Waiting) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1);

/**
 * The node's picture of waiting interactions per workspace, kept from every transition it makes
 * and reread from the database every few seconds (changes made by other nodes). Routing, queue
 * positions and the board read it instead of scanning interactions (a full scan on FerretDB,
 * ~0.5 s at 300 documents). It only proposes: the reservation store and the conditional update
 * decide, so a stale entry costs one refused attempt, never a double offer.
 */
export class WaitingList {
  private readonly workspaces = new Map<string, { loadedAt: number; items: Map<string, Waiting> }>();
  /** Changes made while a reload's scan runs, replayed on its result (the scan may have missed them). */
  private readonly duringReload = new Map<string, Map<string, Waiting | null>>();

  constructor(private readonly refreshMs: number) {}

  track(doc: InteractionDoc): void {
    const workspaceId = String(doc.workspaceId);
    const id = String(doc._id);
    const waiting = doc.state === "queued" || doc.state === "offered" ? toWaiting(doc) : null;
    this.duringReload.get(workspaceId)?.set(id, waiting);
    const entry = this.workspaces.get(workspaceId);
    if (!entry) return; // loaded (with this change) on first use
    if (waiting) entry.items.set(id, waiting);
    else entry.items.delete(id);
  }

  /** It was not what we thought (another node moved it): reread on next use. */
  forget(workspaceId: string, interactionId: string): void {
    this.workspaces.get(workspaceId)?.items.delete(interactionId);
  }

  /** Every known waiting interaction of the workspace, first in first. */
  async list(workspaceId: string, nowMs: number): Promise<Waiting[]> {
    let entry = this.workspaces.get(workspaceId);
    if (!entry || nowMs - entry.loadedAt > this.refreshMs) entry = await this.reload(workspaceId, nowMs);
    return [...entry.items.values()].sort(byQueueOrder);
  }

  known(): string[] {
    return [...this.workspaces.keys()];
  }

  private async reload(workspaceId: string, nowMs: number) {
    const changes = new Map<string, Waiting | null>();
    this.duringReload.set(workspaceId, changes);
    const docs = await InteractionModel.find(
      { workspaceId, state: trusted({ $in: ["queued", "offered"] }) },
      { workspaceId: 1, queueId: 1, kind: 1, state: 1, queuedAt: 1, enqueuedAt: 1, offers: 1 },
    ).lean<InteractionDoc[]>();
    const entry = { loadedAt: nowMs, items: new Map(docs.map((doc) => [String(doc._id), toWaiting(doc)])) };
    if (this.duringReload.get(workspaceId) === changes) this.duringReload.delete(workspaceId);
    for (const [id, waiting] of changes) {
      if (waiting) entry.items.set(id, waiting);
      else entry.items.delete(id);
    }
    this.workspaces.set(workspaceId, entry);
    return entry;
  }
}

function toWaiting(doc: InteractionDoc): Waiting {
  const last = doc.offers.at(-1);
  return {
    id: String(doc._id),
    workspaceId: String(doc.workspaceId),
    queueId: String(doc.queueId),
    kind: doc.kind,
    state: doc.state as Waiting["state"],
    queuedAt: doc.queuedAt.getTime(),
    enqueuedAt: doc.enqueuedAt.getTime(),
    tried: doc.offers.map((offer) => String(offer.agentId)),
    ringing: doc.state === "offered" && last && !last.outcome ? { offerId: last._id, agentId: String(last.agentId), expiresAt: last.expiresAt.getTime() } : null,
  };
}
