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
 * The one way to handle a client request: parse the body with its schema from shared,
 * check the permission the event takes, run the handler, and ack `{ ok, data | error }`
 * through the same error mapping as HTTP. Nothing a handler throws crosses the wire raw.
 */
export function onEvent<N extends DockRequest>(
  socket: DockSocket,
  name: N,
  handler: (body: BodyOf<N>) => Promise<DataOf<N>>,
  deps: Pick<AppDeps, "config" | "logger">,
): void {
  const spec = dockRequests[name];
  const listener = async (...args: unknown[]) => {
    const ack = typeof args.at(-1) === "function" ? (args.at(-1) as (result: AckResult<DataOf<N>>) => void) : undefined;
    try {
      if (!can(socket.data.member, spec.permission)) {
        throw new AppError("FORBIDDEN", `Your role does not allow ${spec.permission}.`);
      }
      const body = spec.body.parse(args[0]) as BodyOf<N>;
      const data = await handler(body);
      ack?.({ ok: true, data });
    } catch (err) {
      const { status, body } = toErrorBody(err, { exposeInternal: deps.config.env !== "production" });
      if (status >= 500) deps.logger.error({ err, event: name }, "socket handler failed");
      ack?.({ ok: false, error: body.error });
    }
  };
  socket.on(name, listener as never);
}
