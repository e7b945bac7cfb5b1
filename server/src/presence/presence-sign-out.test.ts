import type { Presence } from "@switchboard/shared";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemClock } from "../clock.js";
import { createSession } from "../auth/sessions.service.js";
import { addMember, connect, nextEvent, record, sleep, type ClientSocket } from "../../test/realtime-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

// Issue 15: a dock that signs out makes its agent offline at once when it was their last device,
// instead of leaving them Available for the grace period meant for network blips.
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
const open: ClientSocket[] = [];
const dockOf = async (token: string) => {
  const socket = await connect(t.url, "/dock", { token, workspaceId: ws.workspaceId });
  open.push(socket);
  return socket;
};

beforeAll(async () => {
  // The production grace (30 s): "at once" must not be the grace running out.
  t = await startTestServer({ presenceGraceMs: 30_000 });
  ws = await setUpWorkspace(t.api);
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await t.close();
});

async function watcher() {
  const socket = await connect(t.url, "/console", { token: ws.token, workspaceId: ws.workspaceId });
  open.push(socket);
  return socket;
}

it("signing out of the only dock makes the agent offline at once", async () => {
  const agent = await addMember(ws.workspaceId, { name: "Olive Out", roles: ["agent"], teams: [ws.teamId] });
  const console = await watcher();
  const available = nextEvent<Presence>(console, "presence:changed", (p) => p.userId === agent.userId && p.status === "available");
  await dockOf(agent.token);
  await available;
  const offline = nextEvent<Presence>(console, "presence:changed", (p) => p.userId === agent.userId && p.status === "offline");
  expect((await t.api.post("/api/auth/logout", undefined, { token: agent.token })).status).toBe(204);
  // No clock is advanced: only the sign-out can make this happen inside the 30 s grace.
  const presence = await offline;
  expect(presence.status).toBe("offline");
});

it("signing out of one dock while another is still signed in keeps the agent available", async () => {
  const agent = await addMember(ws.workspaceId, { name: "Tess Two", roles: ["agent"], teams: [ws.teamId] });
  const laptop = await createSession(agent.userId, systemClock, 1);
  const console = await watcher();
  const available = nextEvent<Presence>(console, "presence:changed", (p) => p.userId === agent.userId && p.status === "available");
  await dockOf(agent.token);
  await dockOf(laptop);
  await available;
  const changes = record<Presence>(console, "presence:changed");
  expect((await t.api.post("/api/auth/logout", undefined, { token: agent.token })).status).toBe(204);
  await sleep(600);
  const tess = changes.filter((p) => p.userId === agent.userId);
  expect(tess.at(-1)?.status).toBe("available");
  expect(tess.at(-1)?.devices).toHaveLength(1);
  expect(tess.some((p) => p.status === "offline")).toBe(false);
});

it("a dock that merely drops still gets the grace period", async () => {
  const agent = await addMember(ws.workspaceId, { name: "Blip Blop", roles: ["agent"], teams: [ws.teamId] });
  const console = await watcher();
  const available = nextEvent<Presence>(console, "presence:changed", (p) => p.userId === agent.userId && p.status === "available");
  const dock = await dockOf(agent.token);
  await available;
  const changes = record<Presence>(console, "presence:changed");
  dock.close();
  await sleep(600);
  const blip = changes.filter((p) => p.userId === agent.userId);
  expect(blip.at(-1)?.status).toBe("available");
  expect(blip.at(-1)?.devices).toHaveLength(0);
});
