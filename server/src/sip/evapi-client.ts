import { connect, type Socket } from "node:net";
import { kamailioEventSchema, serverCommandSchema, type KamailioEvent, type ServerCommand } from "@switchboard/shared";
import type { Logger } from "pino";
import { encodeNetstring, NetstringDecoder } from "./netstring.js";

export interface EvapiClientOptions {
  host: string;
  port: number;
  logger: Logger;
  onEvent(event: KamailioEvent): void;
  /** Called on every (re)connection: Kamailio may have restarted and forgotten its calls. */
  onConnected?(): void;
  /** Reconnect delays: doubling from minMs up to maxMs. */
  backoff?: { minMs: number; maxMs: number };
}

/**
 * The server's end of Kamailio's evapi (DESIGN.md §14): a TCP client that reconnects with
 * backoff, reads netstring-framed JSON, and hands on only messages the shared protocol accepts.
 * A malformed or unknown message is logged and dropped (Kamailio is trusted, but a bug on
 * either side must not stop routing); a stream that cannot be framed is reconnected.
 */
export class EvapiClient {
  private socket: Socket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private running = false;
  private readonly backoff: { minMs: number; maxMs: number };

  constructor(private readonly options: EvapiClientOptions) {
    this.backoff = options.backoff ?? { minMs: 200, maxMs: 5_000 };
    this.delayMs = this.backoff.minMs;
  }

  get connected(): boolean {
    return this.socket?.readyState === "open";
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.open();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.socket?.destroy();
    this.socket = undefined;
  }

  /** Sends a command; false when Kamailio is not connected (the caller keeps the decision for later). */
  send(command: ServerCommand): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== "open") return false;
    socket.write(encodeNetstring(JSON.stringify(serverCommandSchema.parse(command))));
    return true;
  }

  private open() {
    const { host, port, logger } = this.options;
    const socket = connect({ host, port });
    this.socket = socket;
    const decoder = new NetstringDecoder();
    socket.setNoDelay(true);
    socket.on("connect", () => {
      this.delayMs = this.backoff.minMs;
      logger.info({ host, port }, "connected to Kamailio's evapi");
      this.options.onConnected?.();
    });
    socket.on("data", (chunk) => {
      let messages: string[];
      try {
        messages = decoder.push(chunk);
      } catch (err) {
        logger.warn({ err }, "evapi: stream cannot be framed; reconnecting");
        socket.destroy();
        return;
      }
      for (const text of messages) this.receive(text);
    });
    socket.on("error", (err) => logger.debug({ err }, "evapi connection error"));
    socket.on("close", () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (!this.running) return;
      this.timer = setTimeout(() => this.open(), this.delayMs);
      this.timer.unref();
      this.delayMs = Math.min(this.delayMs * 2, this.backoff.maxMs);
    });
  }

  private receive(text: string) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.options.logger.warn({ text: text.slice(0, 200) }, "evapi: message is not JSON; dropped");
      return;
    }
    const parsed = kamailioEventSchema.safeParse(json);
    if (!parsed.success) {
      this.options.logger.warn({ text: text.slice(0, 200), issues: parsed.error.issues.slice(0, 3) }, "evapi: message outside the protocol; dropped");
      return;
    }
    try {
      this.options.onEvent(parsed.data);
    } catch (err) {
      this.options.logger.error({ err, type: parsed.data.type }, "evapi: handling a message failed");
    }
  }
}
