import {
  Namespace,
  PROTOCOL_VERSION,
  refusalDataSchema,
  visitorBroadcastSchemas,
  type AckResult,
  type ChatMessage,
  type ChatStartRequest,
  type ChatStartResult,
  type VisitorClientToServerEvents,
  type VisitorServerToClientEvents,
} from "@switchboard/shared";
import { io, type Socket } from "socket.io-client";
import type { WidgetEvent } from "./chat-state";

type VisitorSocket = Socket<VisitorServerToClientEvents, VisitorClientToServerEvents>;

/** The visitor token continues the chat after a reload; kept per queue, so two widgets on one site do not mix. */
const tokenKey = (workspaceId: string, queueId: string) => `switchboard.visitor:${workspaceId}:${queueId}`;

/** Storage can be blocked in a third-party iframe; the chat still works, it just does not survive a reload. */
const storage = {
  get(key: string): string | undefined {
    try {
      return localStorage.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  },
  set(key: string, value: string | null) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      // ignored: see above
    }
  },
};

export class RequestFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

/**
 * The widget's one /visitor connection. Every server payload is parsed with the shared
 * schema before it becomes a reducer event; anything else is dropped.
 */
export class VisitorConnection {
  private readonly socket: VisitorSocket;
  private readonly key: string;

  constructor(
    readonly workspaceId: string,
    readonly queueId: string,
    private readonly dispatch: (event: WidgetEvent) => void,
  ) {
    this.key = tokenKey(workspaceId, queueId);
    // `auth` as a function: a reconnect after the first message sends the token issued meanwhile.
    this.socket = io(Namespace.visitor, {
      auth: (cb) => {
        const visitorToken = storage.get(this.key);
        cb({ protocolVersion: PROTOCOL_VERSION, workspaceId, queueId, ...(visitorToken ? { visitorToken } : {}) });
      },
      transports: ["websocket"],
    });
    this.socket.on("connect", () => dispatch({ type: "connected" }));
    this.socket.on("disconnect", () => dispatch({ type: "disconnected" }));
    this.socket.on("connect_error", (err) => {
      if (this.socket.active) return dispatch({ type: "disconnected" });
      const data = refusalDataSchema.safeParse((err as Error & { data?: unknown }).data);
      dispatch({ type: "refused", problem: data.success ? data.data.message : "This chat is not available right now." });
    });
    this.on("chat:resumed", (chat) => dispatch({ type: "resumed", chat }));
    this.on("chat:queued", ({ position }) => dispatch({ type: "queued", position }));
    this.on("chat:joined", ({ agentName }) => dispatch({ type: "joined", agentName, at: new Date().toISOString() }));
    this.on("chat:message", ({ message }) => dispatch({ type: "message", message }));
    this.on("chat:typing", ({ typing }) => dispatch({ type: "typing", typing }));
    this.on("chat:closed", ({ by }) => {
      dispatch({ type: "closed", by });
    });
  }

  private on<E extends keyof typeof visitorBroadcastSchemas>(event: E, handle: (payload: Parameters<VisitorServerToClientEvents[E]>[0]) => void) {
    const schema = visitorBroadcastSchemas[event];
    // Untyped on purpose: the payload is unknown until the schema has parsed it.
    (this.socket as unknown as Socket).on(event as string, (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) handle(parsed.data as Parameters<VisitorServerToClientEvents[E]>[0]);
      else console.error("Unexpected", event, parsed.error);
    });
  }

  private request<T>(event: keyof VisitorClientToServerEvents, body: object): Promise<T> {
    return new Promise((resolve, reject) => {
      (this.socket as unknown as Socket).timeout(TIMEOUT_MS).emit(event, body, (err: Error | null, result: AckResult<T>) => {
        if (err) return reject(new RequestFailed("NETWORK", "No answer from the server. Check your connection and try again."));
        if (result.ok) resolve(result.data);
        else reject(new RequestFailed(result.error.code, result.error.message, result.error.details));
      });
    });
  }

  /** The first message opens the chat; the token it returns continues it after a reload. */
  async start(body: ChatStartRequest): Promise<void> {
    const result = await this.request<ChatStartResult>("chat:start", body);
    storage.set(this.key, result.visitorToken);
    const first: ChatMessage = { id: `first-${result.interactionId}`, from: "visitor", text: body.text.trim(), at: new Date().toISOString() };
    this.dispatch({ type: "started", interactionId: result.interactionId, position: result.position, first });
  }

  async send(text: string): Promise<void> {
    const message = await this.request<ChatMessage>("chat:send", { text });
    this.dispatch({ type: "message", message });
  }

  async close(): Promise<void> {
    await this.request("chat:close", {});
  }

  typing(typing: boolean): void {
    if (this.socket.connected) this.socket.emit("chat:typing", { typing }, () => {});
  }

  /** "Start a new chat": the old token is dropped, so the next first message opens a new one. */
  forgetChat(): void {
    storage.set(this.key, null);
    this.dispatch({ type: "new-chat" });
    // A fresh connection for a fresh chat: the server ties a socket to the chat it started.
    this.socket.disconnect().connect();
  }

  dispose(): void {
    this.socket.close();
  }
}
