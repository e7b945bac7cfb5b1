/**
 * The yardstick for the presence benchmark: bare Socket.IO that joins the rooms a client
 * names and rebroadcasts what it is sent to the rooms named — no auth, no state, no coalescing.
 * Prints `READY <url>` once listening.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, { serveClient: false });
io.on("connection", (socket) => {
  void socket.join(socket.handshake.auth.rooms as string[]);
  socket.on("change", (payload: unknown, rooms: string[], ack?: (result: unknown) => void) => {
    io.to(rooms).emit("presence:changed", payload);
    ack?.({ ok: true, data: payload });
  });
});
http.listen(0, "127.0.0.1", () => {
  process.stdout.write(`READY http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => void io.close(() => process.exit(0)));
