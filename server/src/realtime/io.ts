import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Namespace as NamespaceName } from "@switchboard/shared";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import type { AppDeps } from "../app-deps.js";
import { SessionCache } from "../auth/session-cache.js";
import { presenceServiceOf } from "../presence/presence.service.js";
import { registerPresenceSockets } from "../presence/presence.socket.js";
import { loadEffectiveSettingsOf } from "../settings/member-settings.service.js";
import { registerVisitorSockets, type VisitorNamespace } from "../chat/visitor.socket.js";
import { routerOf } from "../routing/router.js";
import { registerRoutingSockets } from "../routing/routing.socket.js";
import { registerLiveSync, type EffectiveSettingsLoader } from "./live-sync.js";
import { startSessionExpiry } from "./session-expiry.js";
import { socketAuth } from "./socket-auth.js";
import type { ConsoleNamespace, DockNamespace } from "./socket-types.js";

export interface Realtime {
  io: Server;
  close(): Promise<void>;
}

export interface RealtimeOptions {
  /** Defaults to the settings feature's resolver; tests may pass their own. */
  loadEffectiveSettings?: EffectiveSettingsLoader;
}


/**
 * Socket.IO on the app's HTTP server: /dock for members with dock.use, /console for those
 * with console.use. With REDIS_URL, rooms fan out across nodes through the Redis adapter
 * and presence lives in Redis; without it, one node keeps everything in memory.
 */
export function attachRealtime(http: HttpServer, deps: AppDeps, options: RealtimeOptions = {}): Realtime {
  const { config } = deps;
  const io = new Server(http, { serveClient: false });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: null }) : null;
  const redisSub = redis?.duplicate() ?? null;
  for (const client of [redis, redisSub]) client?.on("error", (err) => deps.logger.warn({ err }, "redis (socket adapter) error"));
  if (redis && redisSub) io.adapter(createAdapter(redis, redisSub));

  const presence = presenceServiceOf(deps);
  // One server carries two event maps, so each namespace gets its own typing.
  const dock = io.of(NamespaceName.dock) as unknown as DockNamespace;
  const consoleNs = io.of(NamespaceName.console) as unknown as ConsoleNamespace;
  const { memberships } = presence;
  const sessions = new SessionCache(deps.clock);
  // Filled before the docks of a restarted node come back (issue 14: the reconnect storm).
  void sessions.warm();
  const lookups = { memberships, sessions };
  dock.use(socketAuth("dock.use", deps.clock, lookups));
  consoleNs.use(socketAuth("console.use", deps.clock, lookups));

  const visitor = io.of(NamespaceName.visitor) as unknown as VisitorNamespace;
  const router = routerOf(deps);
  const sockets = registerPresenceSockets({ deps, presence, dock, console: consoleNs, nodeId: presence.store.nodeId });
  registerLiveSync({
    io,
    deps,
    presence,
    dock,
    console: consoleNs,
    relay: redis !== null,
    memberships,
    sessions,
    loadEffectiveSettings: options.loadEffectiveSettings ?? ((workspaceId, userIds) => loadEffectiveSettingsOf(memberships, workspaceId, userIds)),
  });

  const routingSockets = registerRoutingSockets({ deps, router, dock, console: consoleNs, visitor });
  registerVisitorSockets({ deps, router, visitor });
  const stopSessionExpiry = startSessionExpiry({ namespaces: [dock, consoleNs], clock: deps.clock, everyMs: config.sessionCheckMs });

  // Each node beats and sweeps: expiring grace periods and adopting the docks of dead nodes.
  const tickMs = Math.max(20, Math.min(config.presenceHeartbeatMs, config.presenceGraceMs / 4));
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      await presence.store.heartbeat(config.presenceHeartbeatMs * 3);
      await presence.sweep();
    } catch (err) {
      deps.logger.warn({ err }, "presence sweep failed");
    } finally {
      ticking = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();

  // Routing's safety net, once a second per node: waiting chats a change on another node freed room for, lost timers.
  let routing = false;
  const routingTimer = setInterval(() => {
    if (routing) return;
    routing = true;
    router
      .tick()
      .catch(router.warn("tick"))
      .finally(() => (routing = false));
  }, 1_000);
  routingTimer.unref();

  return {
    io,
    async close() {
      clearInterval(timer);
      clearInterval(routingTimer);
      routingSockets.close();
      stopSessionExpiry();
      sockets.close();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await router.close();
      await presence.close();
      redis?.disconnect();
      redisSub?.disconnect();
    },
  };
}
