import type { Presence } from "@switchboard/shared"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { nextEvent, record, sleep, type ClientSocket } from "@switchboard/server/test-support"
import { signInDock, startDockEnv, type Agent, type DockEnv } from "./support/dock-env"
import { watchExtensionWorker, type ExtensionWorker } from "./support/extension-worker"

// Chrome stops an MV3 service worker when it likes (idle timeout, browser update, crash), and the
// dock's socket lives there. DESIGN.md §8: a dock that drops is offline only after the grace
// period, and a member who comes back gets the status they chose. Here the worker is stopped for
// real (CDP ServiceWorker.stopWorker), not the socket dropped by the server as in dock-presence.
let env: DockEnv
let agent: Agent
let worker: ExtensionWorker
let watcher: ClientSocket
let board: Page
/** Every presence:changed of the agent the watcher got, from before sign-in to the end. */
let seen: Presence[]

beforeAll(async () => {
  env = await startDockEnv("worker-restart")
  agent = await env.addAgent("Wendy Worker")
  const base = `/api/workspaces/${env.ws.workspaceId}`
  await env.server.api.put(`${base}/settings`, { settings: {}, awayReasons: ["Lunch", "Coaching"] }, { token: env.ws.token })
  worker = await watchExtensionWorker(env.browser)
  watcher = await env.watch()
  seen = record<Presence>(watcher, "presence:changed")
  board = await env.openConsole("/presence")
  await board.locator('[data-testid="presence-connection"][data-state="live"]').waitFor()
})
afterAll(async () => {
  await worker?.close()
  await env?.close()
})

const mine = () => seen.filter((p) => p.userId === agent.userId)
const isAgent = (test: (p: Presence) => boolean) => (p: Presence) => p.userId === agent.userId && test(p)
const boardRow = () => board.locator(`[data-testid="presence-row"][data-user-id="${agent.userId}"]`)

/** What the server holds for the agent (GET /presence, as the board's first load reads it). */
async function serverPresence(): Promise<Presence> {
  const res = await env.server.api.get(`/api/workspaces/${env.ws.workspaceId}/presence`, { token: env.ws.token })
  expect(res.status).toBe(200)
  const item = (res.body.items as Presence[]).find((p) => p.userId === agent.userId)
  expect(item).toBeDefined()
  return item!
}

const storedSession = (page: Page) => page.evaluate(() => chrome.storage.local.get("dock.session"))

/** WebSockets the extension opens to the server from now on (engine.io connections, before any namespace). */
function countDockWebSockets(): { readonly count: number } {
  const origin = `chrome-extension://${env.browser.extensionId}`
  const counter = { count: 0 }
  env.server.server.realtime.io.engine.on("connection", (socket: { request: { headers: { origin?: string } } }) => {
    if (socket.request.headers.origin === origin) counter.count++
  })
  return counter
}

it("comes back signed in, connected and still away for Lunch when Chrome stops the worker and the agent reopens the dock, never offline", async () => {
  const dock = await env.openDock()
  const available = nextEvent(watcher, "presence:changed", isAgent((p) => p.status === "available" && p.devices.length === 1), 15_000)
  await signInDock(dock, env.server.url, agent)
  await available
  await dock.locator('[data-testid="presence"][data-status="available"]').waitFor()
  await env.screenshot(dock, "available")

  const away = nextEvent(watcher, "presence:changed", isAgent((p) => p.status === "away" && p.awayReason === "Lunch"), 5_000)
  await dock.getByTestId("presence").locator("select").selectOption({ label: "Away · Lunch" })
  await away
  await dock.locator('[data-testid="presence"][data-status="away"][data-away-reason="Lunch"]').waitFor()
  await env.screenshot(dock, "away-lunch")
  await expect.poll(() => boardRow().getAttribute("data-status")).toBe("away")
  await env.screenshot(board, "board-away-lunch")
  const session = await storedSession(dock)
  expect(session["dock.session"]).toMatchObject({ userId: agent.userId })
  const [device] = (await serverPresence()).devices
  expect(device).toBeDefined()

  // The agent closes the popup; then Chrome stops the worker, and the dock's socket with it.
  // The keep-alive alarm (set at sign-in) is not due for a while: what wakes the worker below is the dock.
  const alarm = await dock.evaluate(() => chrome.alarms.get("dock-keepalive"))
  expect(alarm!.scheduledTime - Date.now()).toBeGreaterThan(15_000)
  await dock.close()
  const dropped = nextEvent(watcher, "presence:changed", isAgent((p) => p.devices.length === 0), 5_000)
  const droppedAt = Date.now()
  await worker.stop()
  expect(await worker.targets()).toEqual([])
  // Within the grace period: the socket is gone, the status is not.
  await expect(dropped).resolves.toMatchObject({ status: "away", awayReason: "Lunch", devices: [] })
  await expect(serverPresence()).resolves.toMatchObject({ status: "away", awayReason: "Lunch", devices: [] })
  await env.screenshot(board, "board-worker-stopped")
  // Nothing else wakes it while no dock page is open.
  await sleep(1_000)
  expect(worker.status()).toBe("stopped")

  // The agent opens the dock again: its message to the background starts a new worker.
  const back = nextEvent(watcher, "presence:changed", isAgent((p) => p.devices.length === 1), 10_000)
  const sockets = countDockWebSockets()
  const reopened = await env.openDock()
  await worker.waitFor("running")
  expect(worker.history.slice(-3)).toEqual(["stopped", "starting", "running"])
  expect(Date.now()).toBeLessThan(alarm!.scheduledTime)
  // Signed in from the stored session: no sign-in form, the same token.
  expect(await reopened.getByTestId("dock").getAttribute("data-signed-in")).toBe("true")
  expect(await reopened.getByTestId("sign-in").count()).toBe(0)
  expect(await storedSession(reopened)).toEqual(session)
  await reopened.locator('[data-testid="dock"][data-connection="connected"]').waitFor({ timeout: 10_000 })
  await reopened.locator('[data-testid="presence"][data-status="away"][data-away-reason="Lunch"]').waitFor()
  await expect(reopened.getByTestId("dock").textContent()).resolves.toContain("Wendy Worker")
  await expect(back).resolves.toMatchObject({ status: "away", awayReason: "Lunch", devices: [{ id: device!.id }] })
  expect(Date.now() - droppedAt).toBeLessThan(env.server.deps.config.presenceGraceMs)
  expect(sockets.count).toBe(1)
  await env.screenshot(reopened, "reopened-away-lunch")

  // The grace period that began at the drop runs out (server clock moved on, one sweep later):
  // the dock came back in time, so it must not turn the agent offline now.
  env.server.clock.advance(env.server.deps.config.presenceGraceMs)
  await sleep(Math.min(env.server.deps.config.presenceHeartbeatMs, env.server.deps.config.presenceGraceMs / 4) + 500)
  await expect(serverPresence()).resolves.toMatchObject({ status: "away", awayReason: "Lunch", devices: [{ id: device!.id }] })
  expect(await boardRow().getAttribute("data-status")).toBe("away")
  await env.screenshot(board, "board-back-away-lunch")
  expect(mine().filter((p) => p.status === "offline")).toEqual([])
  // From the choice on, every change the watcher saw kept it: away for Lunch, only the devices moved.
  const sinceAway = mine().slice(mine().findIndex((p) => p.status === "away"))
  expect(sinceAway.map((p) => `${p.status}/${p.awayReason}/${p.devices.length}`)).toEqual(["away/Lunch/1", "away/Lunch/0", "away/Lunch/1"])
  await reopened.close()
})

it("reopens its socket from the keep-alive alarm alone when the worker was stopped with no dock page open", async () => {
  const dock = await env.openDock()
  await dock.locator('[data-testid="dock"][data-connection="connected"]').waitFor()
  const session = await storedSession(dock)
  const [device] = (await serverPresence()).devices
  // Stopped well before the alarm is due (15 s), so the alarm comes well within the grace period (30 s).
  const alarm = await dock.evaluate(() => chrome.alarms.get("dock-keepalive"))
  expect(alarm?.periodInMinutes).toBe(0.5)
  let due = alarm!.scheduledTime
  while (due - Date.now() < 15_000) due += 30_000
  await dock.close()
  await sleep(due - 15_000 - Date.now())
  const from = seen.length
  const dropped = nextEvent(watcher, "presence:changed", isAgent((p) => p.devices.length === 0), 5_000)
  await worker.stop()
  await dropped
  await env.screenshot(board, "board-stopped-again")

  const sockets = countDockWebSockets()
  const back = nextEvent(watcher, "presence:changed", isAgent((p) => p.devices.length === 1), 25_000)
  await worker.waitFor("running", 25_000)
  expect(worker.history.slice(-3)).toEqual(["stopped", "starting", "running"])
  expect(Date.now()).toBeGreaterThan(due - 1_000)
  expect(env.browser.context.pages().map((p) => p.url()).filter((url) => url.startsWith("chrome-extension://"))).toEqual([])
  await expect(back).resolves.toMatchObject({ status: "away", awayReason: "Lunch", devices: [{ id: device!.id }] })
  // The alarm is also what starts the worker, whose top-level restore runs too: still one socket.
  await sleep(1_000)
  expect(sockets.count).toBe(1)
  const episode = seen.slice(from).filter((p) => p.userId === agent.userId)
  expect(episode.map((p) => `${p.status}/${p.awayReason}/${p.devices.length}`)).toEqual(["away/Lunch/0", "away/Lunch/1"])

  const reopened = await env.openDock()
  expect(await storedSession(reopened)).toEqual(session)
  await reopened.locator('[data-testid="dock"][data-connection="connected"]').waitFor()
  await reopened.locator('[data-testid="presence"][data-status="away"][data-away-reason="Lunch"]').waitFor()
  await env.screenshot(reopened, "woken-by-alarm")
  expect(mine().filter((p) => p.status === "offline")).toEqual([])
})
