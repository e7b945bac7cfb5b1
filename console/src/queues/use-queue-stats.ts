import type { QueueStatsItem } from "@switchboard/shared";
import { useEffect, useState } from "react";
import { useWorkspace } from "../app/session-context";
import { useResource } from "../lib/use-resource";
import { usePresence } from "../presence/use-presence";
import type { FeedConnection } from "../presence/presence-socket";
import { fetchQueueStats } from "./queues.api";

export interface LiveQueueStats {
  byQueue: ReadonlyMap<string, QueueStatsItem>;
  /** When these figures were true (Date.now()), so the longest wait keeps counting between pushes. */
  at: number;
  connection: FeedConnection;
  error: unknown;
}

/**
 * The live queue board: the REST figures first, then every `queue:stats` from the tab's
 * /console connection (the server scopes both to the watcher's queues).
 */
export function useQueueStats(): LiveQueueStats {
  const { workspaceId } = useWorkspace();
  const live = usePresence("queues.view");
  const first = useResource((signal) => fetchQueueStats(workspaceId, signal), workspaceId);
  const [snapshot, setSnapshot] = useState<{ byQueue: ReadonlyMap<string, QueueStatsItem>; at: number }>({ byQueue: new Map(), at: Date.now() });

  useEffect(() => {
    if (first.data && !live.queueStats) setSnapshot({ byQueue: new Map(first.data.items.map((i) => [i.queueId, i])), at: Date.now() });
  }, [first.data, live.queueStats]);
  useEffect(() => {
    if (live.queueStats) setSnapshot({ byQueue: live.queueStats, at: Date.now() });
  }, [live.queueStats]);

  return { ...snapshot, connection: live.connection, error: first.error };
}
