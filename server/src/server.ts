import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppDeps } from "./app-deps.js";
import { createApp, type CreateAppOptions } from "./app.js";

export interface RunningServer {
  http: Server;
  url: string;
  close(): Promise<void>;
}

/** HTTP server with the app (and, later, Socket.IO) attached, listening on `port` (0 = any). */
export async function startServer(deps: AppDeps, port: number, options: CreateAppOptions = {}): Promise<RunningServer> {
  const app = createApp(deps, options);
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
  const { port: actualPort } = http.address() as AddressInfo;
  return {
    http,
    url: `http://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
