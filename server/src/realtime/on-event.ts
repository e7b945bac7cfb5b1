import { can, dockRequests, type AckResult, type DockClientToServerEvents } from "@switchboard/shared";
import type { z } from "zod";
import type { AppDeps } from "../app-deps.js";
import { AppError } from "../http/app-error.js";
import { toErrorBody } from "../http/error-body.js";
import type { DockSocket } from "./socket-types.js";

type DockRequest = keyof DockClientToServerEvents;
type BodyOf<N extends DockRequest> = z.output<(typeof dockRequests)[N]["body"]>;
type DataOf<N extends DockRequest> = z.output<(typeof dockRequests)[N]["response"]>;

/**
 * The listener behind every acked request: run `handle` on the raw arguments and ack
 * `{ ok, data | error }` through the same error mapping as HTTP. Nothing a handler throws
 * crosses the wire raw.
 */
export function ackedListener<Data>(name: string, handle: (raw: unknown) => Promise<Data>, deps: Pick<AppDeps, "config" | "logger">) {
  return async (...args: unknown[]) => {
    const ack = typeof args.at(-1) === "function" ? (args.at(-1) as (result: AckResult<Data>) => void) : undefined;
    try {
      const data = await handle(args.length > 1 || !ack ? args[0] : undefined);
      ack?.({ ok: true, data });
    } catch (err) {
      const { status, body } = toErrorBody(err, { exposeInternal: deps.config.env !== "production" });
      if (status >= 500) deps.logger.error({ err, event: name }, "socket handler failed");
      ack?.({ ok: false, error: body.error });
    }
  };
}

/**
 * The one way to handle a dock request: parse the body with its schema from shared,
 * check the permission the event takes, run the handler, and ack.
 */
export function onEvent<N extends DockRequest>(
  socket: DockSocket,
  name: N,
  handler: (body: BodyOf<N>) => Promise<DataOf<N>>,
  deps: Pick<AppDeps, "config" | "logger">,
): void {
  const spec = dockRequests[name];
  const listener = ackedListener(
    name,
    async (raw) => {
      if (!can(socket.data.member, spec.permission)) {
        throw new AppError("FORBIDDEN", `Your role does not allow ${spec.permission}.`);
      }
      return handler(spec.body.parse(raw) as BodyOf<N>);
    },
    deps,
  );
  socket.on(name, listener as never);
}
