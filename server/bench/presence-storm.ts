import type { Socket } from "socket.io-client";
import type { Child } from "../test/processes.js";
import { openSocket, sleep, type Presence, type Seeded } from "./presence-load.js";

export interface StormResult {
  /** From the restarted server listening to the last dock connected (s); a dock refused or timed out retries after 1 s, at most 3 tries. */
  connectSeconds: number;
  /** From the restart to a fresh watcher's snapshot showing every dock online (s); null for bare Socket.IO, which has no board. */
  boardSeconds: number | null;
  failed: number;
}

const BOARD_LIMIT_MS = 120_000;

/**
 * Every dock reconnects at once (no batches) to a server just restarted on the same port, as
 * after a deploy; then a watcher polls the board until it shows them all online.
 */
export async function reconnectStorm(input: {
  restart: () => Promise<Child>;
  seeded: Seeded;
  docks: number;
  switchboard: boolean;
  dockAuth: (index: number) => Record<string, unknown>;
}): Promise<{ result: StormResult; child: Child }> {
  const child = await input.restart();
  const ready = performance.now();
  const members = input.seeded.docks.slice(0, input.docks);
  let failed = 0;
  let connected = 0;
  const progress = setInterval(() => console.error(`storm: ${connected} connected, ${failed} failed`), 5_000);
  // A refused or timed-out dock tries again after a second, as a real one does (its reconnection backoff).
  const open = async (i: number): Promise<Socket | null> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const socket = await openSocket(child.url + (input.switchboard ? "/dock" : "/"), input.dockAuth(i));
        connected++;
        return socket;
      } catch {
        await sleep(1_000);
      }
    }
    failed++;
    return null;
  };
  const sockets = (await Promise.all(members.map((_, i) => open(i)))).filter((s): s is Socket => s !== null);
  clearInterval(progress);
  const connectSeconds = (performance.now() - ready) / 1000;
  let boardSeconds: number | null = null;
  if (input.switchboard) {
    const viewer = input.seeded.watchers.find((w) => w.scope === "all")!;
    const userIds = new Set(members.map((m) => m.userId));
    while (performance.now() - ready < BOARD_LIMIT_MS) {
      const watcher = await openSocket(child.url + "/console", { token: viewer.token, workspaceId: input.seeded.workspaceId });
      const snapshot = await new Promise<{ items: Presence[] }>((resolve) => watcher.once("presence:snapshot", resolve));
      watcher.close();
      const online = snapshot.items.filter((p) => userIds.has(p.userId) && p.status !== "offline").length;
      if (online === userIds.size) {
        boardSeconds = (performance.now() - ready) / 1000;
        break;
      }
      await sleep(500);
    }
  }
  for (const socket of sockets) socket.close();
  return { result: { connectSeconds, boardSeconds, failed }, child };
}
