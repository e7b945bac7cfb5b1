import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppDeps } from "./app-deps.js";
import { createApp, type CreateAppOptions } from "./app.js";
import { completeInterruptedInvitations } from "./invitations/invitation-completion.js";
import { attachRealtime, type Realtime, type RealtimeOptions } from "./realtime/io.js";
import { attachSipRevocation } from "./sip/sip-revocation.js";
import { startSipDriver, type SipDriver } from "./sip/sip-driver.js";

export interface RunningServer {
  http: Server;
  url: string;
  realtime: Realtime;
  /** Kamailio's evapi driver (queue calls), when a SIP front with evapi is configured. */
  sip: SipDriver;
  close(): Promise<void>;
}

/** HTTP server with the app and Socket.IO attached, listening on `port` (0 = any). */
export async function startServer(deps: AppDeps, port: number, options: CreateAppOptions & RealtimeOptions = {}): Promise<RunningServer> {
  const app = createApp(deps, options);
  const http = createServer(app);
  const realtime = attachRealtime(http, deps, options);
  const detachSip = attachSipRevocation(deps);
  const sip = startSipDriver(deps);
  await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
  const { port: actualPort } = http.address() as AddressInfo;
  return {
    http,
    url: `http://127.0.0.1:${actualPort}`,
    realtime,
    sip,
    async close() {
      detachSip();
      await sip.stop();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await realtime.close();
      await closed;
    },
  };
}

/**
 * After a start (or a crash): completes invitations a stop interrupted, then starts the mail
 * queue, which delivers what is due and retries failures. Runs behind the running server (each
 * step is idempotent, so requests meanwhile are fine); call once `config.publicUrl` is final.
 * The promise is for tests that want the sweep done.
 */
export function startBackgroundWork(deps: AppDeps): Promise<void> {
  return completeInterruptedInvitations(deps)
    .catch((err) => deps.logger.error({ err }, "could not complete interrupted invitations"))
    .then(() => deps.mailer.start());
}
