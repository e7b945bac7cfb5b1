import { NO_RESTRICTIONS } from "@switchboard/shared";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { AppError } from "../http/app-error.js";
import { onEvent } from "./on-event.js";
import type { DockSocket } from "./socket-types.js";

/** Just enough of a socket to register one handler and call it as a client would. */
function fakeSocket(roles: string[]) {
  const listeners = new Map<string, (...args: unknown[]) => Promise<void>>();
  const socket = {
    data: { member: { workspaceId: "w", membershipId: "m", userId: "u", name: "N", roles, teams: [], restrictions: NO_RESTRICTIONS } },
    on: (name: string, listener: (...args: unknown[]) => Promise<void>) => listeners.set(name, listener),
  } as unknown as DockSocket;
  const call = async (name: string, ...args: unknown[]) => {
    let result: unknown;
    await listeners.get(name)!(...args, (ack: unknown) => (result = ack));
    return result as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
  };
  return { socket, call, listeners };
}

const deps = { config: loadConfig({ NODE_ENV: "production" }), logger: pino({ level: "silent" }) };

describe("onEvent", () => {
  it("acks the handler's result", async () => {
    const { socket, call } = fakeSocket(["agent"]);
    onEvent(socket, "chat:state", async ({ activeChats }) => ({ activeChats }) as never, deps);
    expect(await call("chat:state", { activeChats: 2 })).toEqual({ ok: true, data: { activeChats: 2 } });
  });

  it("security: refuses a member whose roles lack the event's permission, without running the handler", async () => {
    const { socket, call } = fakeSocket(["viewer"]);
    let ran = false;
    onEvent(socket, "call:state", async () => ((ran = true), {}) as never, deps);
    expect(await call("call:state", { onCall: true })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(ran).toBe(false);
  });

  it("maps thrown errors to the HTTP error body, hiding internals in production", async () => {
    const { socket, call } = fakeSocket(["agent"]);
    onEvent(socket, "presence:set", async () => {
      throw new AppError("CONFLICT", "Nope.");
    }, deps);
    onEvent(socket, "call:state", async () => {
      throw new Error("database password is hunter2");
    }, deps);
    expect(await call("presence:set", { status: "available" })).toEqual({ ok: false, error: { code: "CONFLICT", message: "Nope." } });
    const internal = await call("call:state", { onCall: false });
    expect(internal).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect(internal.error!.message).not.toContain("hunter2");
  });

  it("survives a client that sends no ack", async () => {
    const { socket, listeners } = fakeSocket(["agent"]);
    let body: unknown;
    onEvent(socket, "chat:state", async (parsed) => ((body = parsed), {}) as never, deps);
    await listeners.get("chat:state")!({ activeChats: 1 });
    await listeners.get("chat:state")!({ activeChats: "many" });
    expect(body).toEqual({ activeChats: 1 });
  });
});
