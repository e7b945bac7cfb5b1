import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { ErrorCode, PROTOCOL_VERSION } from "@switchboard/shared"
import { nextEvent } from "../../server/test/realtime-fixtures.js"
import { signInDock, startDockEnv, type Agent, type DockEnv } from "./support/dock-env"

// Issue 6, acceptance 1: the built extension signs an agent in, and a console watcher
// sees the dock's presence choices live.
let env: DockEnv
let agent: Agent
let dock: Page

beforeAll(async () => {
  env = await startDockEnv("presence")
  agent = await env.addAgent("Alan Agent")
  const base = `/api/workspaces/${env.ws.workspaceId}`
  await env.server.api.put(`${base}/settings`, { settings: {}, awayReasons: ["Lunch", "Coaching"] }, { token: env.ws.token })
  dock = await env.openDock()
})
afterAll(async () => {
  await env?.close()
})

const isAgent = (status: string, awayReason?: string) => (p: { userId: string; status: string; awayReason?: string }) =>
  p.userId === agent.userId && p.status === status && p.awayReason === awayReason

it("signs in, goes available, then away for Lunch and back, each seen live by a console watcher", async () => {
  const watcher = await env.watch()
  // The console's presence board in a second browser: the same changes, live, without reload.
  const board = await env.openConsole("/presence")
  await board.locator('[data-testid="presence-connection"][data-state="live"]').waitFor()
  const row = board.locator(`[data-testid="presence-row"][data-user-id="${agent.userId}"]`)
  await row.waitFor()
  expect(await row.getAttribute("data-status")).toBe("offline")
  await board.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true))
  await env.screenshot(dock, "signed-out")

  await dock.getByLabel("Server URL", { exact: true }).fill(env.server.url)
  await dock.getByLabel("E-mail", { exact: true }).fill(agent.email)
  await dock.getByLabel("Password", { exact: true }).fill("not-the-password")
  await dock.getByRole("button", { name: "Sign in" }).click()
  await expect(dock.getByRole("alert").textContent()).resolves.toContain("Wrong e-mail or password")
  await env.screenshot(dock, "wrong-password")

  const available = nextEvent(watcher, "presence:changed", isAgent("available"), 15_000)
  await signInDock(dock, env.server.url, agent)
  await available
  const presence = dock.getByTestId("presence")
  await dock.locator('[data-testid="presence"][data-status="available"]').waitFor()
  await expect(dock.getByTestId("dock").textContent()).resolves.toContain("Alan Agent")
  // Channel "all" by default: the chat count against chatsPerUser.
  await expect(dock.getByTestId("chats").textContent()).resolves.toContain("0 / 3")
  await env.screenshot(dock, "available")
  await expect.poll(() => row.getAttribute("data-status"), { timeout: 2_000 }).toBe("available")
  await env.screenshot(board, "console-board-available")

  // The away reasons are the workspace's, read through /api/me (agents cannot read workspace settings).
  const options = await presence.locator("option").allTextContents()
  expect(options).toEqual(["Available", "Away", "Away · Lunch", "Away · Coaching"])

  const away = nextEvent(watcher, "presence:changed", isAgent("away", "Lunch"), 5_000)
  await presence.locator("select").selectOption({ label: "Away · Lunch" })
  await away
  await dock.locator('[data-testid="presence"][data-status="away"][data-away-reason="Lunch"]').waitFor()
  await env.screenshot(dock, "away-lunch")
  await expect.poll(() => row.getAttribute("data-status"), { timeout: 2_000 }).toBe("away")
  await expect(row.getByTestId("presence-reason").textContent()).resolves.toBe("Lunch")
  expect(await board.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true)
  await env.screenshot(board, "console-board-away-lunch")

  const back = nextEvent(watcher, "presence:changed", isAgent("available"), 5_000)
  await presence.locator("select").selectOption({ label: "Available" })
  await back
  await dock.locator('[data-testid="presence"][data-status="available"]').waitFor()
})

it("reconnects by itself when the server drops the dock's connection, keeping the agent's status", async () => {
  await dock.locator('[data-testid="dock"][data-connection="connected"]').waitFor()
  // A server-side disconnect, which Socket.IO (unlike a lost transport) does not retry by itself.
  env.server.server.realtime.io.of("/dock").disconnectSockets(true)
  await dock.locator('[data-testid="dock"][data-connection="disconnected"]').waitFor({ timeout: 5_000 })
  await env.screenshot(dock, "reconnecting")
  await dock.locator('[data-testid="dock"][data-connection="connected"]').waitFor({ timeout: 10_000 })
  await dock.locator('[data-testid="presence"][data-status="available"]').waitFor()
})

it("keeps the token in extension storage, never in the dock UI's state, and signs out", async () => {
  const stored = await dock.evaluate(() => chrome.storage.local.get("dock.session"))
  expect(stored["dock.session"]).toMatchObject({ workspaceId: env.ws.workspaceId, userId: agent.userId })
  const token = (stored["dock.session"] as { token: string }).token
  const state = await dock.evaluate(() => chrome.runtime.sendMessage({ target: "background", type: "dock:get-state" }))
  expect(JSON.stringify(state)).not.toContain(token)

  await dock.getByRole("button", { name: "Sign out" }).click()
  await dock.locator('[data-testid="dock"][data-signed-in="false"]').waitFor()
  await dock.getByTestId("sign-in").waitFor()
  // The form remembers the server of the last sign-in.
  await expect(dock.getByLabel("Server URL", { exact: true }).inputValue()).resolves.toBe(env.server.url)
  expect(await dock.evaluate(() => chrome.storage.local.get("dock.session"))).toEqual({})
  // The token is dead on the server too.
  expect((await env.server.api.get("/api/me", { token })).status).toBe(401)
  await env.screenshot(dock, "signed-out-again")
})

it("keeps the server's error codes on refused requests", async () => {
  const send = (message: unknown) => dock.evaluate((m) => chrome.runtime.sendMessage(m), message)
  const credentials = { serverUrl: env.server.url, email: agent.email, password: "not-the-password" }
  expect(await send({ target: "background", type: "session:sign-in", credentials })).toMatchObject({
    ok: false,
    error: { code: ErrorCode.UNAUTHENTICATED, message: "Wrong e-mail or password." },
  })
  await signInDock(dock, env.server.url, agent)
  // An away reason outside the workspace's list: the server refuses it through the ack.
  const refused = await send({ target: "background", type: "presence:set", choice: { status: "away", awayReason: "Gone fishing" } })
  expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.VALIDATION_FAILED } })
})

it("says 'Update the dock' and stops retrying when the server refuses its protocol version", async () => {
  if ((await dock.getByTestId("dock").getAttribute("data-signed-in")) === "false") await signInDock(dock, env.server.url, agent)
  // A server that needs a newer dock: its handshake refusal, exactly as socket-auth words it.
  let refused = 0
  env.server.server.realtime.io.of("/dock").use((_socket, next) => {
    refused += 1
    const error = Object.assign(new Error(ErrorCode.PROTOCOL_OUTDATED), {
      data: { code: ErrorCode.PROTOCOL_OUTDATED, message: "This version is too old. Update it to connect.", minProtocolVersion: PROTOCOL_VERSION + 1 },
    })
    next(error)
  })
  env.server.server.realtime.io.of("/dock").disconnectSockets(true)
  await dock.locator('[data-testid="dock"][data-connection="outdated"]').waitFor({ timeout: 10_000 })
  await expect(dock.getByTestId("connection").textContent()).resolves.toContain("Update the dock")
  await env.screenshot(dock, "protocol-outdated")
  // Retrying cannot help: the dock does not hammer the server (Socket.IO would retry every 1-30 s).
  const attempts = refused
  await dock.waitForTimeout(3_000)
  expect(refused).toBe(attempts)
})
