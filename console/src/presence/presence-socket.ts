import {
  chatLimitsSchema,
  Namespace,
  PROTOCOL_VERSION,
  presenceSchema,
  queueStatsSchema,
  refusalDataSchema,
  type ConsoleClientToServerEvents,
  type ConsoleServerToClientEvents,
  type Presence,
  type QueueStatsItem,
} from "@switchboard/shared";
import { io, type Socket } from "socket.io-client";

export type FeedConnection = "connecting" | "live" | "reconnecting" | "refused" | "ended";

/** How the live boards (presence, queues) name the state of the tab's /console connection. */
export const CONNECTION_LABEL: Record<FeedConnection, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  refused: "Not connected",
  ended: "Disconnected",
};

export interface PresenceFeedState {
  connection: FeedConnection;
  /** False until the first `presence:snapshot`: before it, "no entry" does not mean offline. */
  loaded: boolean;
  byUser: ReadonlyMap<string, Presence>;
  /** Each watched member's chat limit (from snapshots; the server sends a new one when settings change). */
  chatLimits: Readonly<Record<string, number>>;
  /** The live queue board (`queue:stats`), by queue id; null until the first one arrives. */
  queueStats: ReadonlyMap<string, QueueStatsItem> | null;
  /** Why the server refused or ended the connection, in words for the user. */
  problem?: string;
}

type Listener = () => void;
type ConsoleSocket = Socket<ConsoleServerToClientEvents, ConsoleClientToServerEvents>;

/** Leaving the Members page for the Presence board (or back) keeps the same connection. */
const LINGER_MS = 5_000;

/**
 * One /console connection per tab, shared by the presence board, the members table and the
 * queue board.
 * The server sends a full `presence:snapshot` on every (re)connect, then `presence:changed`
 * deltas; each payload is parsed with the shared schema before it reaches the UI.
 */
class PresenceFeed {
  private state: PresenceFeedState = { connection: "connecting", loaded: false, byUser: new Map(), chatLimits: {}, queueStats: null };
  private readonly listeners = new Set<Listener>();
  private readonly socket: ConsoleSocket;
  private users = 0;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly workspaceId: string) {
    // The session cookie authenticates (same origin); websocket only, so several server
    // nodes need no sticky sessions for long-polling.
    this.socket = io(Namespace.console, {
      auth: { workspaceId, protocolVersion: PROTOCOL_VERSION, deviceLabel: "Console" },
      transports: ["websocket"],
      withCredentials: true,
    });
    this.socket.on("connect", () => this.update({ connection: "live", problem: undefined }));
    this.socket.on("presence:snapshot", (payload) => {
      const items = Array.isArray(payload?.items) ? payload.items.map(parsePresence).filter((p): p is Presence => p !== null) : [];
      const chatLimits = chatLimitsSchema.safeParse(payload?.chatLimits);
      this.update({ loaded: true, byUser: new Map(items.map((p) => [p.userId, p])), chatLimits: chatLimits.success ? chatLimits.data : {} });
    });
    this.socket.on("presence:changed", (payload) => {
      const presence = parsePresence(payload);
      if (presence) this.upsert(presence);
    });
    this.socket.on("queue:stats", (payload) => {
      const parsed = queueStatsSchema.safeParse(payload);
      if (parsed.success) this.update({ queueStats: new Map(parsed.data.items.map((item) => [item.queueId, item])) });
      else console.error("Unexpected queue:stats payload", parsed.error);
    });
    this.socket.on("session:revoked", () => this.update({ connection: "ended", problem: "Your session has ended. Sign in again." }));
    this.socket.on("disconnect", (reason) => {
      if (this.state.connection === "ended") return;
      // The server hung up on purpose (revoked, signed out): socket.io does not retry that.
      if (reason === "io server disconnect") this.update({ connection: "ended", problem: "The server ended the live connection." });
      else if (reason !== "io client disconnect") this.update({ connection: "reconnecting" });
    });
    this.socket.on("connect_error", (err) => {
      // A refusal by the handshake middleware is final (socket.active is false); a network error is retried.
      if (this.socket.active) return this.update({ connection: "reconnecting" });
      const data = refusalDataSchema.safeParse((err as Error & { data?: unknown }).data);
      this.update({ connection: "refused", problem: data.success ? data.data.message : err.message });
    });
  }

  getState = (): PresenceFeedState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A change the console caused itself (PUT /presence/:userId) shows before its echo arrives. */
  upsert(presence: Presence): void {
    const current = this.state.byUser.get(presence.userId);
    // Deltas can race the PUT's answer; the later `since` wins.
    if (current && current.since > presence.since) return;
    const byUser = new Map(this.state.byUser);
    byUser.set(presence.userId, presence);
    this.update({ byUser });
  }

  retain(): void {
    this.users += 1;
    clearTimeout(this.lingerTimer);
  }

  release(onIdle: () => void): void {
    this.users -= 1;
    if (this.users > 0) return;
    this.lingerTimer = setTimeout(() => {
      if (this.users > 0) return;
      this.socket.close();
      onIdle();
    }, LINGER_MS);
  }

  close(): void {
    clearTimeout(this.lingerTimer);
    this.socket.close();
  }

  private update(patch: Partial<PresenceFeedState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function parsePresence(payload: unknown): Presence | null {
  const parsed = presenceSchema.safeParse(payload);
  if (!parsed.success) console.error("Unexpected presence payload", parsed.error);
  return parsed.success ? parsed.data : null;
}

let current: PresenceFeed | null = null;

/** The tab's feed for a workspace (switching workspace closes the old one). Pair with releasePresenceFeed. */
export function retainPresenceFeed(workspaceId: string): PresenceFeed {
  if (current && current.workspaceId !== workspaceId) {
    current.close();
    current = null;
  }
  current ??= new PresenceFeed(workspaceId);
  current.retain();
  return current;
}

export function releasePresenceFeed(feed: PresenceFeed): void {
  feed.release(() => {
    if (current === feed) current = null;
  });
}

export type { PresenceFeed };
