import type { ServerCommand } from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { routerOf } from "../routing/router.js";
import { EvapiClient } from "./evapi-client.js";
import { redisLease, singleNodeLease, type EvapiLease } from "./evapi-lease.js";
import { OutboundCalls } from "./outbound-calls.js";
import { QueueCalls } from "./queue-calls.js";

export interface SipDriver {
  /** True while this node holds the lease and drives Kamailio. */
  readonly driving: boolean;
  readonly client: EvapiClient | undefined;
  stop(): Promise<void>;
}

/**
 * Connects this node to Kamailio's evapi when it holds the lease (DESIGN.md §14: exactly one node
 * drives each Kamailio), and routes queue calls through the router. Nothing without an evapi address.
 */
export function startSipDriver(deps: AppDeps, options: { lease?: EvapiLease } = {}): SipDriver {
  const sip = deps.config.sip;
  const evapi = sip?.evapi;
  if (!sip || !evapi) {
    if (sip) deps.logger.warn("KAMAILIO_EVAPI is not set: queue calls are not routed");
    return { driving: false, client: undefined, stop: async () => {} };
  }
  const lease =
    options.lease ??
    (deps.config.redisUrl ? redisLease({ redisUrl: deps.config.redisUrl, name: `${evapi.host}:${evapi.port}`, logger: deps.logger }) : singleNodeLease());
  let client: EvapiClient | undefined;
  let calls: QueueCalls | undefined;

  const drive = () => {
    const router = routerOf(deps);
    const evapiClient: EvapiClient = new EvapiClient({
      ...evapi,
      logger: deps.logger,
      onEvent: (event) => {
        outboundCalls.handle(event);
        void queueCalls.handle(event).catch((err) => deps.logger.error({ err, event }, "queue call event failed"));
      },
    });
    const send = (command: ServerCommand) => evapiClient.send(command);
    const outboundCalls = new OutboundCalls(deps, send, sip.domain);
    const queueCalls = new QueueCalls(deps, router, send, sip.domain, (event) => outboundCalls.place(event));
    client = evapiClient;
    calls = queueCalls;
    evapiClient.start();
  };
  const release = () => {
    client?.stop();
    calls?.detach();
    client = undefined;
    calls = undefined;
  };
  lease.start((driving) => (driving ? drive() : release()));
  return {
    get driving() {
      return client !== undefined;
    },
    get client() {
      return client;
    },
    async stop() {
      release();
      await lease.stop();
    },
  };
}
