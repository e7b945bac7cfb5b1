import {
  MIN_PROTOCOL_VERSION,
  can,
  handshakeAuthSchema,
  type Permission,
  type RefusalData,
  type RefusalReason,
} from "@switchboard/shared";
import type { Socket } from "socket.io";
import { SESSION_COOKIE } from "../auth/session-cookie.js";
import type { SessionCache } from "../auth/session-cache.js";
import type { Clock } from "../clock.js";
import { toMemberContext } from "../members/member-context.js";
import type { MembershipCache } from "../members/membership-cache.js";
import { Rooms } from "./rooms.js";
import type { SocketData } from "./socket-types.js";

type Next = (err?: Error) => void;

/** `connect_error.message` is the stable reason code; `connect_error.data` says more. */
export function refusal(code: RefusalReason, message: string, extra: Partial<RefusalData> = {}): Error {
  return Object.assign(new Error(code), { data: { code, message, ...extra } satisfies RefusalData });
}

/**
 * The console authenticates REST with an httpOnly cookie it cannot read, so its socket may
 * rely on the same cookie — but only from our own origin, or any page could ride it.
 */
function cookieToken(socket: Socket): string | undefined {
  const { origin, host, cookie } = socket.handshake.headers;
  if (!cookie || (origin && new URL(origin).host !== host)) return undefined;
  const pair = cookie.split(/;\s*/).find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  return pair ? decodeURIComponent(pair.slice(SESSION_COOKIE.length + 1)) : undefined;
}

interface Lookups {
  memberships: MembershipCache;
  sessions: SessionCache;
}

async function admit(socket: Socket, permission: Permission, clock: Clock, { memberships, sessions }: Lookups): Promise<SocketData | Error> {
  const raw = socket.handshake.auth as Record<string, unknown>;
  // Checked before anything else: an old dock may send a handshake shaped differently.
  if (typeof raw.protocolVersion !== "number" || raw.protocolVersion < MIN_PROTOCOL_VERSION) {
    return refusal("PROTOCOL_OUTDATED", "This version is too old. Update it to connect.", { minProtocolVersion: MIN_PROTOCOL_VERSION });
  }
  const parsed = handshakeAuthSchema.safeParse(raw);
  if (!parsed.success) return refusal("VALIDATION_FAILED", "The handshake needs a workspaceId and a token.");
  const auth = parsed.data;
  const token = auth.token ?? cookieToken(socket);
  // From the session cache (one `_id` lookup the first time), so a reconnect storm does not queue
  // on the database. Users are never deleted, and the active membership below proves the user still belongs.
  const found = token ? await sessions.find(token) : null;
  if (!found) return refusal("UNAUTHENTICATED", "Your session has ended. Sign in again.");

  const userId = String(found.userId);
  const membership = await memberships.find(auth.workspaceId, userId);
  if (!membership) return refusal("FORBIDDEN", "You are not a member of this workspace.");
  const member = toMemberContext(membership);
  if (!can(member, permission)) return refusal("FORBIDDEN", `Your role does not allow ${permission}.`);
  if (!sessions.holds(found)) return refusal("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const userAgent = socket.handshake.headers["user-agent"] ?? "";
  const device = {
    id: auth.deviceId ?? socket.id,
    label: auth.deviceLabel ?? (userAgent.slice(0, 80) || "Unknown device"),
    connectedAt: clock.now().toISOString(),
  };
  return { member, tokenHash: found.tokenHash, sessionExpiresAt: found.expiresAt, device };
}

/**
 * Namespace middleware: the handshake carries `{ token, protocolVersion, workspaceId }`.
 * Refused connections get a stable reason code, never a half-open socket.
 */
export function socketAuth(permission: Permission, clock: Clock, lookups: Lookups) {
  return (socket: Socket, next: Next): void => {
    admit(socket, permission, clock, lookups).then(
      (result) => {
        if (result instanceof Error) return next(result);
        socket.data = result;
        void socket.join([
          Rooms.member(result.member.workspaceId, result.member.userId),
          Rooms.user(result.member.userId),
          Rooms.session(result.tokenHash),
        ]);
        next();
      },
      () => next(refusal("UNAUTHENTICATED", "Could not check your session. Try again.")),
    );
  };
}
