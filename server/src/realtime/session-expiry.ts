import type { Clock } from "../clock.js";
import { SESSION_END_DELAY_MS } from "./live-sync.js";
import type { ConsoleNamespace, DockNamespace } from "./socket-types.js";

/**
 * Sockets outlive nothing their session would not: a socket opened with a session ends when
 * that session expires, as a REST request with it would start failing then. Each node checks
 * its own sockets against the expiry read at the handshake, so this costs no database read.
 * A periodic check rather than one timer per socket: sessions last up to a year and
 * `setTimeout` overflows past 24.8 days, and the injected clock stays the one time source.
 */
export function startSessionExpiry(input: { namespaces: readonly (DockNamespace | ConsoleNamespace)[]; clock: Clock; everyMs: number }): () => void {
  const ending = new WeakSet<object>();
  const check = () => {
    const now = input.clock.now();
    for (const ns of input.namespaces) {
      for (const socket of ns.sockets.values()) {
        if (socket.data.sessionExpiresAt > now || ending.has(socket)) continue;
        ending.add(socket);
        socket.emit("session:revoked", { reason: "expired" });
        setTimeout(() => socket.disconnect(true), SESSION_END_DELAY_MS).unref();
      }
    }
  };
  const timer = setInterval(check, input.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
