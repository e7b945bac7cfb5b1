import { trusted } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { onEvent } from "../realtime/on-event.js";
import { Rooms, watcherRoomsOf } from "../realtime/rooms.js";
import type { ConsoleNamespace, ConsoleSocket, DockNamespace, DockSocket } from "../realtime/socket-types.js";
import type { VisitorNamespace } from "../chat/visitor.socket.js";
import { InteractionModel, type InteractionDoc } from "./interaction.model.js";
import { toInteractionDetail, toOfferView } from "./interaction-view.js";
import { scopeStats, workspaceQueueStats } from "./queue-stats.js";
import type { Router } from "./router.js";

export const visitorRoom = (interactionId: string) => `visitor:${interactionId}`;
/** The console's queue board refreshes this often while it changes (DESIGN.md §12: at least every 2 s). */
export const QUEUE_STATS_MS = 1_000;

/**
 * Routing over sockets: the publisher that tells docks, watchers and visitors (rooms, relayed
 * across nodes by the adapter), the dock's routing requests, and the console's queue board.
 */
export function registerRoutingSockets(input: { deps: AppDeps; router: Router; dock: DockNamespace; console: ConsoleNamespace; visitor: VisitorNamespace }) {
  const { deps, router, dock, console: consoleNs, visitor } = input;
  const agent = (workspaceId: string, userId: string) => dock.to(Rooms.member(workspaceId, userId));
  router.setPublisher({
    offerNew: (ws, userId, offer) => agent(ws, userId).emit("offer:new", offer),
    offerCancelled: (ws, userId, payload) => agent(ws, userId).emit("offer:cancelled", payload),
    agentInteraction: (ws, userId, interaction) => agent(ws, userId).emit("interaction:changed", interaction),
    agentMessage: (ws, userId, payload) => agent(ws, userId).emit("chat:message", payload),
    agentTyping: (ws, userId, payload) => agent(ws, userId).emit("chat:typing", payload),
    watchers: (ws, teams, interaction) => consoleNs.to(watcherRoomsOf(ws, teams)).emit("interaction:changed", interaction),
    visitorQueued: (id, position) => visitor.to(visitorRoom(id)).emit("chat:queued", { position }),
    visitorJoined: (id, agentName) => visitor.to(visitorRoom(id)).emit("chat:joined", { agentName }),
    visitorMessage: (id, payload) => visitor.to(visitorRoom(id)).emit("chat:message", payload),
    visitorTyping: (id, typing) => visitor.to(visitorRoom(id)).emit("chat:typing", { typing }),
    visitorClosed: (id, by) => visitor.to(visitorRoom(id)).emit("chat:closed", { by }),
    // The board polls once a second per node (below), which also catches changes made on other nodes.
    statsDirty: () => {},
  });

  const { conversations } = router;
  dock.on("connection", (socket: DockSocket) => {
    const { workspaceId, userId } = socket.data.member;
    onEvent(socket, "offer:accept", ({ offerId }) => router.accept(workspaceId, userId, offerId), deps);
    onEvent(socket, "offer:decline", async ({ offerId }) => (await router.decline(workspaceId, userId, offerId), {}), deps);
    onEvent(socket, "chat:send", ({ interactionId, text }) => conversations.agentSends(workspaceId, userId, interactionId, text), deps);
    onEvent(socket, "chat:typing", async ({ interactionId, typing }) => (await conversations.agentTyping(workspaceId, userId, interactionId, typing), {}), deps);
    onEvent(socket, "interaction:close", ({ interactionId }) => conversations.closeByAgent(workspaceId, userId, interactionId), deps);
    onEvent(socket, "wrapup:done", () => conversations.finishWrapUp(workspaceId, userId, true), deps);
    router.workspaces.add(workspaceId);
    void sendOpenWork(router, socket).catch(router.warn("dock catch-up"));
  });

  // The queue board: each node serves its own console sockets, scoped per watcher, only when it changed.
  const lastSent = new WeakMap<ConsoleSocket, string>();
  const sendStats = async (sockets: ConsoleSocket[], force: boolean) => {
    const byWorkspace = new Map<string, ConsoleSocket[]>();
    for (const socket of sockets) byWorkspace.set(socket.data.member.workspaceId, [...(byWorkspace.get(socket.data.member.workspaceId) ?? []), socket]);
    for (const [workspaceId, watchers] of byWorkspace) {
      const items = await workspaceQueueStats(router, workspaceId);
      for (const socket of watchers) {
        const stats = scopeStats(items, socket.data.member);
        const encoded = JSON.stringify(stats);
        if (!force && lastSent.get(socket) === encoded) continue;
        lastSent.set(socket, encoded);
        socket.emit("queue:stats", stats);
      }
    }
  };
  consoleNs.on("connection", (socket: ConsoleSocket) => {
    void sendStats([socket], true).catch(router.warn("queue stats"));
  });
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    sendStats([...consoleNs.sockets.values()], false)
      .catch(router.warn("queue stats"))
      .finally(() => (busy = false));
  }, QUEUE_STATS_MS);
  timer.unref();
  return { close: () => clearInterval(timer) };
}

/** A dock that (re)connects gets its ringing offer and its open conversations. */
async function sendOpenWork(router: Router, socket: DockSocket) {
  const { workspaceId, userId } = socket.data.member;
  const member = await router.directory.member(workspaceId, userId);
  if (!member) return;
  const open = await InteractionModel.find({ workspaceId, agentId: userId, state: trusted({ $in: ["connected", "wrapup"] }) }).lean<InteractionDoc[]>();
  for (const doc of open) socket.emit("interaction:changed", toInteractionDetail(doc, member.masking));
  const ringing = await InteractionModel.find({ workspaceId, state: "offered", "offers.agentId": userId }).lean<InteractionDoc[]>();
  for (const doc of ringing) {
    const offer = doc.offers.at(-1);
    if (offer && !offer.outcome && String(offer.agentId) === userId) socket.emit("offer:new", toOfferView(doc, offer, member.masking));
  }
}
