/**
 * The yardstick for the presence benchmark: bare Socket.IO that joins the rooms a client
 * names and rebroadcasts what it is sent to the rooms named — no auth, no state, no coalescing.
 * With REDIS_URL it goes through the Redis adapter, like Switchboard's multi-node setup.
 * Prints `READY <url>` once listening.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { startLoopDelayProbe } from "../test/loop-delay-probe.js";

startLoopDelayProbe();

const http = createServer();
const io = new Server(http, { serveClient: false });
if (process.env.REDIS_URL) {
  const pub = new Redis(process.env.REDIS_URL);
  io.adapter(createAdapter(pub, pub.duplicate()));
}
io.on("connection", (socket) => {
  void socket.join(socket.handshake.auth.rooms as string[]);
  socket.on("change", (payload: unknown, rooms: string[], ack?: (result: unknown) => void) => {
    io.to(rooms).emit("presence:changed", payload);
    ack?.({ ok: true, data: payload });
  });
});
// PORT: the bench restarts it on the same port for the reconnect storm.
http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`READY http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => void io.close(() => process.exit(0)));
