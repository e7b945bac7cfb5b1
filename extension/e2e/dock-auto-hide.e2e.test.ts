import { afterAll, beforeAll, expect, it } from "vitest"
import { signInDock, startDockEnv, type DockEnv } from "./support/dock-env"

// autoHideDock: the dock closes itself after 10 s without interaction.
let env: DockEnv

beforeAll(async () => {
  env = await startDockEnv("auto-hide")
})
afterAll(async () => {
  await env?.close()
})

it("closes the dock 10 s after the last interaction when autoHideDock is on, and not before", async () => {
  const agent = await env.addAgent("Hugo Hide")
  expect((await env.setMemberSettings(agent.userId, { autoHideDock: true })).status).toBe(200)
  const dock = await env.openDock()
  await signInDock(dock, env.server.url, agent)
  await dock.locator('[data-testid="dock"][data-auto-hide="true"]').waitFor()
  await env.screenshot(dock, "before-hide")
  const closed = dock.waitForEvent("close", { timeout: 20_000 })
  await dock.mouse.move(10, 10)
  const lastInteraction = Date.now()
  // An interaction half-way restarts the 10 s.
  await dock.waitForTimeout(5_000)
  expect(dock.isClosed()).toBe(false)
  await dock.mouse.move(40, 40)
  const restartedAt = Date.now()
  await closed
  expect(Date.now() - restartedAt).toBeGreaterThanOrEqual(9_500)
  expect(Date.now() - lastInteraction).toBeGreaterThanOrEqual(14_500)
})
