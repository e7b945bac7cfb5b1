import { Types } from "mongoose";
import { createHash, randomBytes } from "node:crypto";
import {
  MIN_PROTOCOL_VERSION,
  visitorHandshakeAuthSchema,
  visitorRequests,
  type VisitorClientToServerEvents,
  type VisitorServerToClientEvents,
} from "@switchboard/shared";
import type { Namespace, Socket } from "socket.io";
import type { z } from "zod";
import type { AppDeps } from "../app-deps.js";
import { AppError } from "../http/app-error.js";
import { ackedListener } from "../realtime/on-event.js";
import { refusal } from "../realtime/socket-auth.js";
import { InteractionModel, type InteractionDoc } from "../routing/interaction.model.js";
import { toMessageView, NO_MASKING } from "../routing/interaction-view.js";
import type { Router } from "../routing/router.js";
import { visitorRoom } from "../routing/routing.socket.js";
import { MessageRate } from "./message-rate.js";
import { isOpenChatState } from "./open-chats.js";

/** Who is on the other end of a /visitor socket: no account, only the queue and (once started) their chat. */
export interface VisitorData {
  workspaceId: string;
  queueId: string;
  address: string;
  interactionId: string | null;
}
export type VisitorNamespace = Namespace<VisitorClientToServerEvents, VisitorServerToClientEvents, Record<string, never>, VisitorData>;
type VisitorSocket = Socket<VisitorClientToServerEvents, VisitorServerToClientEvents, Record<string, never>, VisitorData>;

export const hashVisitorToken = (token: string) => createHash("sha256").update(token).digest("hex");

type VisitorRequest = keyof VisitorClientToServerEvents;
type BodyOf<N extends VisitorRequest> = z.output<(typeof visitorRequests)[N]["body"]>;
type DataOf<N extends VisitorRequest> = z.output<(typeof visitorRequests)[N]["response"]>;

/**
 * The chat widget's namespace. The handshake names a chat queue of a workspace (and, after a
 * reload, the visitor token that continues the chat); every request is parsed with its schema
 * from shared and acked like the dock's.
 */
export function registerVisitorSockets(input: { deps: AppDeps; router: Router; visitor: VisitorNamespace }) {
  const { deps, router, visitor } = input;
  const rate = new MessageRate();
  const typingRate = new MessageRate(10, 1_000);

  visitor.use((socket, next) => {
    const parsed = visitorHandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(refusal("VALIDATION_FAILED", "The handshake needs { protocolVersion, workspaceId, queueId, visitorToken? }."));
    const auth = parsed.data;
    if (auth.protocolVersion < MIN_PROTOCOL_VERSION) return next(refusal("PROTOCOL_OUTDATED", "Reload the chat.", { minProtocolVersion: MIN_PROTOCOL_VERSION }));
    void (async () => {
      const queue = await router.queues.get(auth.workspaceId, auth.queueId);
      if (!queue || queue.channel !== "chat") return next(refusal("VALIDATION_FAILED", "This chat is not available."));
      let interactionId: string | null = null;
      if (auth.visitorToken) {
        const open = await InteractionModel.findOne({ visitorTokenHash: hashVisitorToken(auth.visitorToken), queueId: auth.queueId }, { _id: 1, state: 1 }).lean();
        if (open && isOpenChatState(open.state)) interactionId = String(open._id);
      }
      socket.data = { workspaceId: auth.workspaceId, queueId: auth.queueId, address: socket.handshake.address, interactionId };
      next();
    })().catch(() => next(refusal("VALIDATION_FAILED", "This chat is not available.")));
  });

  const on = <N extends VisitorRequest>(socket: VisitorSocket, name: N, handler: (body: BodyOf<N>) => Promise<DataOf<N>>) => {
    socket.on(name, ackedListener(name, async (raw) => handler(visitorRequests[name].body.parse(raw) as BodyOf<N>), deps) as never);
  };
  /** Messages (the first one too) count against the visitor's rate, keyed by their chat once they have one. */
  const throttle = (socket: VisitorSocket, limiter = rate) => {
    if (!limiter.allow(socket.data.interactionId ?? `socket:${socket.id}`, Date.now())) {
      throw new AppError("RATE_LIMITED", "Slow down: at most 5 messages a second.");
    }
  };
  const openChat = (socket: VisitorSocket) => {
    if (!socket.data.interactionId) throw new AppError("CONFLICT", "Start a chat first.");
    return socket.data.interactionId;
  };

  visitor.on("connection", (socket: VisitorSocket) => {
    if (socket.data.interactionId) void resume(router, socket).catch(router.warn("visitor resume"));

    on(socket, "chat:start", async ({ text, name, email }) => {
      throttle(socket);
      if (socket.data.interactionId) await unbindEnded(socket);
      const queue = await router.queues.get(socket.data.workspaceId, socket.data.queueId);
      if (!queue) throw new AppError("NOT_FOUND", "This chat is not available.");
      const limit = deps.config.openChatsPerAddress;
      const interactionId = String(new Types.ObjectId());
      if (!(await router.openChats.open(socket.data.address, interactionId, limit))) {
        throw new AppError("RATE_LIMITED", `At most ${limit} open chats at once from one address.`);
      }
      const visitorToken = randomBytes(32).toString("base64url");
      await router.conversations
        .enqueueChat({
          id: interactionId,
          queue,
          text,
          name: name ?? null,
          email: email ?? null,
          visitorTokenHash: hashVisitorToken(visitorToken),
          visitorAddress: socket.data.address,
        })
        .catch(async (err: unknown) => {
          await router.openChats.closed(socket.data.address, interactionId);
          throw err;
        });
      socket.data.interactionId = interactionId;
      await socket.join(visitorRoom(interactionId));
      const position = await router.positionOf(socket.data.workspaceId, socket.data.queueId, interactionId);
      router.announcePositions(socket.data.workspaceId, socket.data.queueId);
      return { interactionId, visitorToken, position };
    });
    on(socket, "chat:send", async ({ text }) => {
      throttle(socket);
      return router.conversations.visitorSends(openChat(socket), text);
    });
    on(socket, "chat:typing", async ({ typing }) => {
      throttle(socket, typingRate);
      await router.conversations.visitorTyping(openChat(socket), typing);
      return {};
    });
    on(socket, "chat:close", async () => {
      const interactionId = openChat(socket);
      await router.conversations.closeByVisitor(interactionId);
      socket.data.interactionId = null;
      return {};
    });
  });
}

/**
 * The socket's chat ended (the agent closed it, on whichever node): the visitor may start another
 * on the same socket. Still open: refused. Decided by the record, so no node has to reach the
 * visitor's socket when a chat ends.
 */
async function unbindEnded(socket: VisitorSocket) {
  const interactionId = socket.data.interactionId!;
  const current = await InteractionModel.findById(interactionId, { state: 1 }).lean<Pick<InteractionDoc, "state">>();
  if (current && isOpenChatState(current.state)) throw new AppError("CONFLICT", "This chat is already open.");
  await socket.leave(visitorRoom(interactionId));
  socket.data.interactionId = null;
}

/** A reload with the token: back in the chat's room, with the conversation so far. */
async function resume(router: Router, socket: VisitorSocket) {
  const interactionId = socket.data.interactionId!;
  await socket.join(visitorRoom(interactionId));
  const doc = await InteractionModel.findById(interactionId).lean<InteractionDoc>();
  if (!doc) return;
  socket.emit("chat:resumed", {
    interactionId,
    state: doc.state,
    position: await router.positionOf(String(doc.workspaceId), String(doc.queueId), interactionId),
    agentName: doc.state === "connected" && doc.agentName ? (doc.agentName.split(" ")[0] ?? null) : null,
    messages: doc.messages.map((m) => toMessageView(m, doc, NO_MASKING)),
  });
}
