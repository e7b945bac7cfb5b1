import { can, type EffectiveSettings, type SessionEndReason } from "@switchboard/shared";
import type { Server } from "socket.io";
import type { AppDeps } from "../app-deps.js";
import type { SessionCache } from "../auth/session-cache.js";
import type { DomainEventMap } from "../events/domain-events.js";
import { MembershipModel } from "../members/membership.model.js";
import { sendSnapshot, watcherRoomsFor } from "../presence/presence.socket.js";
import type { PresenceService } from "../presence/presence.service.js";
import { toMemberContext } from "../members/member-context.js";
import type { MembershipCache } from "../members/membership-cache.js";
import { Rooms } from "./rooms.js";
import type { ConsoleNamespace, DockNamespace } from "./socket-types.js";

/** Time between telling sockets their session ended and closing them, so the message gets out first. */
export const SESSION_END_DELAY_MS = 200;

/** The effective settings of several members of one workspace (absent: no longer an active member). */
export type EffectiveSettingsLoader = (workspaceId: string, userIds: readonly string[]) => Promise<Map<string, EffectiveSettings>>;

interface LiveSyncInput {
  io: Server;
  deps: AppDeps;
  presence: PresenceService;
  dock: DockNamespace;
  console: ConsoleNamespace;
  /** Several nodes: domain events happen on one node and are relayed so each acts on its own sockets. */
  relay: boolean;
  loadEffectiveSettings: EffectiveSettingsLoader;
  memberships: MembershipCache;
  /** The handshakes' session cache: cut here, before anything awaits, on every node. */
  sessions: SessionCache;
}

const localSocketsIn = <S extends { rooms: Set<string> }>(ns: { sockets: Map<string, S> }, room: string): S[] =>
  [...ns.sockets.values()].filter((socket) => socket.rooms.has(room));

type Handler<E extends keyof DomainEventMap> = (payload: DomainEventMap[E][0], origin: boolean) => Promise<void>;

/**
 * Domain events → sockets: revocations and logouts cut sockets, membership changes move
 * watchers between rooms, settings changes reach the affected docks.
 */
export function registerLiveSync(input: LiveSyncInput): void {
  const { io, deps, presence, dock, console: consoleNs, relay, loadEffectiveSettings, memberships, sessions } = input;
  const namespaces = [dock, consoleNs] as const;

  function on<E extends keyof DomainEventMap>(event: E, handler: Handler<E>) {
    const run = (payload: DomainEventMap[E][0], origin: boolean) =>
      handler(payload, origin).catch((err: unknown) => deps.logger.error({ err, event }, "live sync failed"));
    deps.events.on(event, ((payload: DomainEventMap[E][0]) => {
      void run(payload, true);
      if (relay) io.serverSideEmit(event, payload as never);
    }) as never);
    if (relay) io.on(event as never, ((payload: DomainEventMap[E][0]) => void run(payload, false)) as never);
  }

  function endSessions(room: string, reason: SessionEndReason, keepRoom?: string) {
    const except = keepRoom ? [keepRoom] : [];
    // A dock that signed out is gone on purpose, not a network blip: its member goes offline at
    // once when it was their last device (presence.socket.ts reads the mark on disconnect).
    if (reason === "logout") {
      for (const socket of localSocketsIn(dock, room)) if (!keepRoom || !socket.rooms.has(keepRoom)) socket.data.signedOut = true;
    }
    for (const ns of namespaces) {
      ns.local.to(room).except(except).emit("session:revoked", { reason });
      setTimeout(() => ns.local.in(room).except(except).disconnectSockets(true), SESSION_END_DELAY_MS).unref();
    }
  }

  // Sockets are cut first (no database in the way); marking presence is order-independent.
  on("sessions.revoked", async ({ userId, reason, tokenHash, keepTokenHash }, origin) => {
    // Logout ends the one session; a revocation or a password change every session of the user (but the one kept).
    if (reason === "logout" && tokenHash) sessions.forgetSession(tokenHash);
    else sessions.forgetUser(userId, keepTokenHash);
    const room = reason === "logout" && tokenHash ? Rooms.session(tokenHash) : Rooms.user(userId);
    endSessions(room, reason, keepTokenHash ? Rooms.session(keepTokenHash) : undefined);
    if (reason !== "revoked" || !origin) return;
    for (const { workspaceId } of await MembershipModel.find({ userId }, { workspaceId: 1 }).lean()) {
      await presence.markRevoked({ workspaceId: String(workspaceId), userId });
    }
  });

  // The membership copy is updated before the first await, so the next request on this node sees it.
  on("membership.revoked", async ({ workspaceId, userId }, origin) => {
    memberships.drop(workspaceId, userId);
    endSessions(Rooms.member(workspaceId, userId), "revoked");
    if (origin) await presence.markRevoked({ workspaceId, userId });
  });

  on("membership.changed", async ({ workspaceId, userId }, origin) => {
    memberships.reload(workspaceId, userId);
    const membership = await memberships.lookup(workspaceId, userId);
    if (!membership) return;
    if (origin) await presence.memberChanged(membership);
    const room = Rooms.member(workspaceId, userId);
    const { name, roles, teams, restrictions } = toMemberContext(membership);
    const update = { name, roles, teams, restrictions };
    for (const socket of localSocketsIn(dock, room)) {
      Object.assign(socket.data.member, update);
      if (!can(socket.data.member, "dock.use")) socket.disconnect(true);
    }
    for (const socket of localSocketsIn(consoleNs, room)) {
      for (const old of watcherRoomsFor(socket)) void socket.leave(old);
      Object.assign(socket.data.member, update);
      if (!can(socket.data.member, "console.use")) {
        socket.disconnect(true);
        continue;
      }
      void socket.join(watcherRoomsFor(socket));
      await sendSnapshot(socket, presence);
    }
  });

  on("settings.changed", async ({ workspaceId, userIds }) => {
    // Boards show each member's chat limit: watchers get a fresh snapshot (a member's own overrides come with membership.changed).
    for (const socket of consoleNs.sockets.values()) {
      if (socket.data.member.workspaceId === workspaceId && watcherRoomsFor(socket).length > 0) await sendSnapshot(socket, presence);
    }
    const targets = userIds === "all" ? null : new Set(userIds);
    const byUser = new Map<string, string[]>();
    for (const socket of dock.sockets.values()) {
      const { member } = socket.data;
      if (member.workspaceId !== workspaceId || (targets && !targets.has(member.userId))) continue;
      byUser.set(member.userId, [...(byUser.get(member.userId) ?? []), socket.id]);
    }
    if (byUser.size === 0) return;
    const settingsOf = await loadEffectiveSettings(workspaceId, [...byUser.keys()]);
    for (const [userId, socketIds] of byUser) {
      const settings = settingsOf.get(userId);
      if (settings) dock.local.to(socketIds).emit("settings:changed", { workspaceId, settings });
    }
  });
}
