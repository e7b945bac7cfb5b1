import type { AppDeps } from "../app-deps.js";
import { QueueModel } from "./queue.model.js";

export interface RoutingQueue {
  id: string;
  workspaceId: string;
  name: string;
  channel: "phone" | "chat";
  teams: string[];
  skills: string[];
  languages: string[];
  offerTimeoutSeconds: number;
  wrapUpSeconds: number;
}

/** The workspace's queues, read once and dropped when one changes (queue.changed) or after a few seconds (another node's edit). */
export class QueueCatalog {
  private readonly cache = new Map<string, { at: number; queues: Promise<Map<string, RoutingQueue>> }>();

  constructor(deps: Pick<AppDeps, "events">) {
    deps.events.on("queue.changed", ({ workspaceId }) => this.cache.delete(workspaceId));
  }

  async all(workspaceId: string): Promise<Map<string, RoutingQueue>> {
    const cached = this.cache.get(workspaceId);
    if (cached && Date.now() - cached.at < 5_000) return cached.queues;
    const queues = QueueModel.find({ workspaceId })
      .lean()
      .then(
        (docs) =>
          new Map(
            docs.map((q) => [
              String(q._id),
              {
                id: String(q._id),
                workspaceId,
                name: q.name,
                channel: q.channel,
                teams: q.teams.map(String),
                skills: q.skills,
                languages: q.languages,
                offerTimeoutSeconds: q.offerTimeoutSeconds,
                wrapUpSeconds: q.wrapUpSeconds,
              },
            ]),
          ),
      );
    this.cache.set(workspaceId, { at: Date.now(), queues });
    queues.catch(() => this.cache.delete(workspaceId));
    return queues;
  }

  async get(workspaceId: string, queueId: string): Promise<RoutingQueue | null> {
    return (await this.all(workspaceId)).get(queueId) ?? null;
  }
}
