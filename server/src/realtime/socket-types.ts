import type {
  ConsoleClientToServerEvents,
  ConsoleServerToClientEvents,
  DockClientToServerEvents,
  DockServerToClientEvents,
  PresenceDevice,
} from "@switchboard/shared";
import type { Namespace, Socket } from "socket.io";
import type { MemberContext } from "../http/request-context.js";

/** Who a socket belongs to, checked once in the handshake and refreshed on membership changes. */
export interface SocketData {
  member: MemberContext;
  tokenHash: string;
  /** When the session the socket was opened with ends; the socket ends then too (session-expiry.ts). */
  sessionExpiresAt: Date;
  device: PresenceDevice;
  /** Set when the server cuts the socket because its session was signed out (live-sync.ts): presence then skips the grace period. */
  signedOut?: boolean;
}

/** Events relayed between server nodes (through the Redis adapter) so each node acts on its own sockets. */
export type ServerSideEvents = Record<string, (payload: never) => void>;

export type DockSocket = Socket<DockClientToServerEvents, DockServerToClientEvents, ServerSideEvents, SocketData>;
export type ConsoleSocket = Socket<ConsoleClientToServerEvents, ConsoleServerToClientEvents, ServerSideEvents, SocketData>;
export type DockNamespace = Namespace<DockClientToServerEvents, DockServerToClientEvents, ServerSideEvents, SocketData>;
export type ConsoleNamespace = Namespace<ConsoleClientToServerEvents, ConsoleServerToClientEvents, ServerSideEvents, SocketData>;
