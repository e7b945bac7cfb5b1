import type { Presence } from "@switchboard/shared";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addMember, connect, nextEvent, request, type ClientSocket } from "../../test/realtime-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";

// DESIGN.md §9 auto-pause from the dock: a call that rang out there unanswered.
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
const open: ClientSocket[] = [];

beforeAll(async () => {
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await t?.close();
});

it("sets the dock's member away with reason missed and cause missed, seen by watchers", async () => {
  const agent = await addMember(ws.workspaceId, { name: "Mo Missed", roles: ["agent"], teams: [ws.teamId] });
  const watcher = await connect(t.url, "/console", { token: ws.token, workspaceId: ws.workspaceId });
  const dock = await connect(t.url, "/dock", { token: agent.token, workspaceId: ws.workspaceId });
  open.push(watcher, dock);
  const seen = nextEvent<Presence>(watcher, "presence:changed", (p) => p.userId === agent.userId && p.status === "away");

  const ack = await request(dock, "presence:set", { status: "away", awayReason: "missed", auto: "missed" });
  expect(ack).toMatchObject({ ok: true, data: { status: "away", awayReason: "missed", cause: "missed" } });
  expect(await seen).toMatchObject({ awayReason: "missed", cause: "missed" });
});

it("refuses missed picked by hand, and auto missed with any other status", async () => {
  const agent = await addMember(ws.workspaceId, { name: "Hal Hand", roles: ["agent"], teams: [ws.teamId] });
  const dock = await connect(t.url, "/dock", { token: agent.token, workspaceId: ws.workspaceId });
  open.push(dock);
  for (const body of [
    { status: "away", awayReason: "missed" },
    { status: "available", auto: "missed" },
    { status: "away", awayReason: "Lunch", auto: "missed" },
  ]) {
    expect(await request(dock, "presence:set", body)).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  }
});
