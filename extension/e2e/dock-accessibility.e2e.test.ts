import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { describeViolations, seriousAxeViolations } from "@switchboard/server/test-support"
import { signInDock, startDockEnv, type DockEnv } from "./support/dock-env"

// Issue 15, acceptance 2: the dock's pages (popup and side panel, signed out and signed in) have no
// serious or critical axe-core violation.
let env: DockEnv

beforeAll(async () => {
  env = await startDockEnv("accessibility")
})
afterAll(async () => {
  await env?.close()
})

async function expectAccessible(page: Page, what: string) {
  expect.soft(describeViolations(await seriousAxeViolations(page)), `${what}: serious or critical axe violations`).toEqual([])
}

it("popup and side panel, signed out and signed in, have no serious or critical axe violation", async () => {
  const popup = await env.openDock()
  await popup.getByTestId("sign-in").waitFor()
  await env.screenshot(popup, "popup-signed-out")
  await expectAccessible(popup, "popup signed out")

  const panel = await env.browser.context.newPage()
  await panel.setViewportSize({ width: 400, height: 720 })
  await panel.goto(`chrome-extension://${env.browser.extensionId}/sidepanel.html`)
  await panel.getByTestId("sign-in").waitFor()
  await env.screenshot(panel, "sidepanel-signed-out")
  await expectAccessible(panel, "side panel signed out")

  const agent = await env.addAgent("Alma Accessible")
  await signInDock(popup, env.server.url, agent)
  await popup.locator('[data-testid="presence"][data-status="available"]').waitFor()
  await env.screenshot(popup, "popup-signed-in")
  await expectAccessible(popup, "popup signed in")

  await panel.locator('[data-testid="presence"][data-status="available"]').waitFor()
  await env.screenshot(panel, "sidepanel-signed-in")
  await expectAccessible(panel, "side panel signed in")
})
