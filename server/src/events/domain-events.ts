import { EventEmitter } from "node:events";
import type { SessionEndReason } from "@switchboard/shared";

/**
 * In-process domain events: services announce what changed; the realtime layer
 * (and anything else) listens. Keeps services free of Socket.IO.
 */
export interface DomainEventMap {
  /**
   * Sessions were destroyed: their sockets must close. Logout names the one session (`tokenHash`);
   * otherwise every session of the user ends, but the one in `keepTokenHash` (a password change
   * keeps the session it was made from).
   */
  "sessions.revoked": [{ userId: string; reason: Exclude<SessionEndReason, "expired">; tokenHash?: string; keepTokenHash?: string; hadSipCredentials?: boolean }];
  /** Effective settings may have changed for these users of a workspace. */
  "settings.changed": [{ workspaceId: string; userIds: string[] | "all" }];
  /** A membership was written (roles, teams, profile copies, restrictions, settings overrides) or created. */
  "membership.changed": [{ workspaceId: string; userId: string }];
  /** A membership was revoked. */
  "membership.revoked": [{ workspaceId: string; userId: string; by: string }];
  /** A queue was created, edited or deleted: routing rereads it. */
  "queue.changed": [{ workspaceId: string; queueId: string }];
}

export class DomainEvents extends EventEmitter<DomainEventMap> {}
