import { useEffect, useState, useSyncExternalStore } from "react";
import { useWorkspace } from "../app/session-context";
import { releasePresenceFeed, retainPresenceFeed, type PresenceFeed, type PresenceFeedState } from "./presence-socket";

const OFF: PresenceFeedState = { connection: "refused", loaded: false, byUser: new Map(), chatLimits: {}, queueStats: null };
const noop = () => () => {};

export interface LivePresence extends PresenceFeedState {
  /** Null when the actor may not watch presence (no connection is opened). */
  feed: PresenceFeed | null;
}

/**
 * Live presence of the members the actor may watch, from the tab's one /console connection.
 * The queue board opens the same connection with `queues.view` (same reach in the matrix).
 */
export function usePresence(permission: "presence.view" | "queues.view" = "presence.view"): LivePresence {
  const { workspaceId, allows } = useWorkspace();
  const mayWatch = allows(permission);
  const [feed, setFeed] = useState<PresenceFeed | null>(null);
  useEffect(() => {
    if (!mayWatch) return;
    const next = retainPresenceFeed(workspaceId);
    setFeed(next);
    return () => {
      releasePresenceFeed(next);
      setFeed(null);
    };
  }, [workspaceId, mayWatch]);
  const state = useSyncExternalStore(feed?.subscribe ?? noop, feed ? feed.getState : () => OFF);
  return { ...state, feed };
}

/** The current time, re-read every `intervalMs`, for durations that tick ("time in state"). */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
