import { afterAll, beforeAll, expect, it } from "vitest"
import { signInDock, startDockEnv, type DockEnv } from "./support/dock-env"

// Issue 6, acceptance 5: revoking the agent signs the open dock out within a second.
let env: DockEnv

beforeAll(async () => {
  env = await startDockEnv("revoke")
})
afterAll(async () => {
  await env?.close()
})

it("signs the dock out within a second of the agent's revocation, clearing the token", async () => {
  const agent = await env.addAgent("Rita Revoked")
  const dock = await env.openDock()
  await signInDock(dock, env.server.url, agent)
  await dock.locator('[data-testid="presence"][data-status="available"]').waitFor()
  const stored = await dock.evaluate(() => chrome.storage.local.get("dock.session"))
  expect(stored["dock.session"]).toBeDefined()

  const revoke = await env.server.api.post(
    `/api/workspaces/${env.ws.workspaceId}/members/${agent.userId}/revoke`,
    {},
    { token: env.ws.token }
  )
  expect(revoke.status).toBe(200)
  await dock.locator('[data-testid="dock"][data-signed-in="false"]').waitFor({ timeout: 1_000 })
  await dock.getByTestId("sign-in").waitFor({ timeout: 1_000 })
  await expect(dock.getByTestId("session-notice").textContent()).resolves.toContain("revoked")
  expect(await dock.evaluate(() => chrome.storage.local.get("dock.session"))).toEqual({})
  await env.screenshot(dock, "revoked")

  // A reopened dock (a fresh worker state read) stays signed out.
  const again = await env.openDock()
  await again.getByTestId("sign-in").waitFor()
})

it("signs the dock out within a second of the admin confirming the revoke in the console", async () => {
  const agent = await env.addAgent("Cole Console")
  const dock = await env.openDock()
  await signInDock(dock, env.server.url, agent)
  await dock.locator('[data-testid="presence"][data-status="available"]').waitFor()

  const members = await env.openConsole("/members")
  const row = members.locator(`[data-testid="members-row"][data-user-id="${agent.userId}"]`)
  await row.getByTestId("member-revoke").click()
  await members.getByTestId("revoke-dialog").waitFor()
  await env.screenshot(members, "console-revoke-dialog")
  await members.getByTestId("confirm-ok").click()
  await dock.locator('[data-testid="dock"][data-signed-in="false"]').waitFor({ timeout: 1_000 })
  expect(await dock.evaluate(() => chrome.storage.local.get("dock.session"))).toEqual({})
  await env.screenshot(dock, "revoked-from-console")
})
