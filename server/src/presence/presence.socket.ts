import { reachOf, type Presence } from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { Coalescer } from "../realtime/coalescer.js";
import { onEvent } from "../realtime/on-event.js";
import { Rooms, watcherRoomsOf } from "../realtime/rooms.js";
import type { ConsoleNamespace, ConsoleSocket, DockNamespace, DockSocket } from "../realtime/socket-types.js";
import type { MemberInfo, PresenceService } from "./presence.service.js";

/** A watcher gets at most one update per member per window (issue 5). */
export const PRESENCE_COALESCE_MS = 100;

const memberInfoOf = (socket: DockSocket): MemberInfo => ({
  workspaceId: socket.data.member.workspaceId,
  userId: socket.data.member.userId,
  name: socket.data.member.name,
  teams: socket.data.member.teams,
  roles: socket.data.member.roles,
  membershipId: socket.data.member.membershipId,
});

/** The watcher rooms a console socket belongs in, from its presence.view reach. */
export function watcherRoomsFor(socket: ConsoleSocket): string[] {
  const { member } = socket.data;
  const reach = reachOf(member, "presence.view");
  if (reach === "all") return [Rooms.workspaceWatchers(member.workspaceId)];
  if (reach === "ownTeams") return member.teams.map(Rooms.teamWatchers);
  return [];
}

export async function sendSnapshot(socket: ConsoleSocket, presence: PresenceService): Promise<void> {
  socket.emit("presence:snapshot", await presence.snapshot(socket.data.member));
}

/**
 * Presence over sockets: docks report (connect, `presence:set`, `call:state`, `chat:state`,
 * disconnect); watchers get a snapshot on connect, then coalesced `presence:changed` deltas
 * in their rooms; a member's own docks get every change of their presence (so several docks
 * agree, and a dock can show who changed it).
 */
export function registerPresenceSockets(input: {
  deps: AppDeps;
  presence: PresenceService;
  dock: DockNamespace;
  console: ConsoleNamespace;
  nodeId: string;
}): { close(): void } {
  const { deps, presence, dock, console: consoleNs, nodeId } = input;

  const toWatchers = new Coalescer<{ workspaceId: string; presence: Presence }>(PRESENCE_COALESCE_MS, (_key, change) => {
    // One emit to the union of rooms: the adapter delivers once per socket and encodes once.
    consoleNs.to(watcherRoomsOf(change.workspaceId, change.presence.teams)).emit("presence:changed", change.presence);
  });
  presence.setPublisher((workspaceId, changed, devices) => {
    toWatchers.push(`${workspaceId}|${changed.userId}`, { workspaceId, presence: changed });
    if (devices.length === 0) return; // no dock to tell
    // Docks all on this node (always, without Redis): no trip through the adapter to every other node.
    const docks = devices.every((device) => device.nodeId === nodeId) ? dock.local : dock;
    docks.to(Rooms.member(workspaceId, changed.userId)).emit("presence:changed", changed);
  });

  const reportFailure = (err: unknown) => deps.logger.error({ err }, "presence update failed");

  dock.on("connection", (socket: DockSocket) => {
    const member = memberInfoOf(socket);
    const self = { userId: member.userId, name: member.name };
    onEvent(
      socket,
      "presence:set",
      async ({ status, awayReason, auto }) => {
        // Auto-pause: the schema pinned the body to away/missed.
        if (auto === "missed") return presence.autoPause(memberInfoOf(socket));
        await presence.assertAwayReason(member.workspaceId, awayReason);
        return presence.choose(memberInfoOf(socket), { status, awayReason }, auto ?? { by: self });
      },
      deps,
    );
    // Older docks still report these; onCall and activeChats now come from interactions (DESIGN.md §8).
    onEvent(socket, "call:state", () => presence.touch(memberInfoOf(socket)), deps);
    onEvent(socket, "chat:state", () => presence.touch(memberInfoOf(socket)), deps);
    socket.on("disconnect", () => {
      presence.deviceDisconnected(member, socket.id).catch(reportFailure);
    });
    presence.deviceConnected(member, { ...socket.data.device, socketId: socket.id, nodeId }).catch(reportFailure);
  });

  consoleNs.on("connection", (socket: ConsoleSocket) => {
    void socket.join(watcherRoomsFor(socket));
    sendSnapshot(socket, presence).catch(reportFailure);
  });

  return { close: () => toWatchers.close() };
}
