import { EventEmitter } from "node:events";

/**
 * In-process domain events: services announce what changed; the realtime layer
 * (and anything else) listens. Keeps services free of Socket.IO.
 */
export interface DomainEventMap {
  /** A user's sessions were destroyed (logout or revoke): their sockets must close. */
  "sessions.revoked": [{ userId: string; reason: "logout" | "revoked"; tokenHash?: string }];
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
