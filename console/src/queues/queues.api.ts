import { queueListSchema, queueSchema, queueStatsSchema, type QueueCreate, type QueuePatch } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

const queuePath = (queueId: string) => `/queues/${encodeURIComponent(queueId)}`;

export const listQueues = (workspaceId: string, signal?: AbortSignal) => api(wsPath(workspaceId, "/queues"), { schema: queueListSchema, signal });

/** The board's first figures; `queue:stats` on the /console socket keeps them live. */
export const fetchQueueStats = (workspaceId: string, signal?: AbortSignal) =>
  api(wsPath(workspaceId, "/queues/stats"), { schema: queueStatsSchema, signal });

export const createQueue = (workspaceId: string, body: QueueCreate) =>
  api(wsPath(workspaceId, "/queues"), { method: "POST", body, schema: queueSchema });

/** Only the fields that change (queuePatchSchema); the channel is fixed at creation. */
export const patchQueue = (workspaceId: string, queueId: string, patch: QueuePatch) =>
  api(wsPath(workspaceId, queuePath(queueId)), { method: "PATCH", body: patch, schema: queueSchema });

export const deleteQueue = (workspaceId: string, queueId: string) => api<void>(wsPath(workspaceId, queuePath(queueId)), { method: "DELETE" });
