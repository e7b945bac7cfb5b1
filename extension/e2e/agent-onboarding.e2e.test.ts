import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import {
  describeViolations,
  extractZip,
  launchBrowser,
  launchWithExtension,
  seriousAxeViolations,
  setUpWorkspace,
  startSmtpCapture,
  startTestServer,
  type SmtpCapture,
  type TestServer,
} from "@switchboard/server/test-support"
import { requireExtensionBuild } from "./support/extension-build"

/**
 * Issue 15 acceptance 5: an agent gets from the invitation e-mail to a signed-in dock without typing
 * a server address. The e-mail comes through real SMTP; the agent registers in Chromium, lands on the
 * page that offers this server's dock as a zip with the steps and the server address, downloads it,
 * and a Chromium with that unzipped folder loaded (what "Load unpacked" does) signs in with the
 * server already filled in, then shows the agent their effective settings.
 */
const ARTIFACTS = fileURLToPath(new URL("../../artifacts/e2e/dock", import.meta.url))
const CONSOLE_DIST = fileURLToPath(new URL("../../console/dist", import.meta.url))
const SUITE = "onboarding"
const PASSWORD = "onboard-me-2026"

let smtp: SmtpCapture
let server: TestServer
let ws: Awaited<ReturnType<typeof setUpWorkspace>>
let shot = 0
const closers: (() => Promise<unknown>)[] = []

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${SUITE}-${String(++shot).padStart(2, "0")}-${name}.png`), fullPage: true })
}

async function expectAccessible(page: Page, what: string) {
  expect.soft(describeViolations(await seriousAxeViolations(page)), `${what}: serious or critical axe violations`).toEqual([])
}

beforeAll(async () => {
  const dockDir = requireExtensionBuild()
  mkdirSync(ARTIFACTS, { recursive: true })
  for (const file of readdirSync(ARTIFACTS)) if (file.startsWith(`${SUITE}-`)) rmSync(join(ARTIFACTS, file))
  smtp = await startSmtpCapture()
  server = await startTestServer({ smtpUrl: smtp.url }, { consoleDir: CONSOLE_DIST, dockDir })
  ws = await setUpWorkspace(server.api)
}, 120_000)
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => null)
  await server?.close()
  await smtp?.close()
})

it("from the invitation e-mail to a signed-in dock, typing no server address", async () => {
  // The admin invites an agent whose dock answers by itself after 5 s and masks numbers.
  const invited = await server.api.post(
    `/api/workspaces/${ws.workspaceId}/invitations`,
    { invitees: [{ name: "Olga Onboard", email: "olga@example.com" }], roles: ["agent"], teams: [ws.teamId] },
    { token: ws.token }
  )
  expect(invited.body.results[0].status).toBe("invited")
  await expect.poll(() => smtp.linksFor("olga@example.com").length).toBe(1)
  const [link] = smtp.linksFor("olga@example.com")

  // 1. The e-mail's link, in the agent's Chrome: register.
  const browser = await launchBrowser()
  closers.push(() => browser.close())
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await page.goto(link!)
  await page.getByTestId("register-first-name").fill("Olga")
  await page.getByTestId("register-last-name").fill("Onboard")
  await page.getByTestId("register-password").fill(PASSWORD)
  await screenshot(page, "register")
  await page.getByTestId("register-submit").click()

  // 2. The page after registering: how to install the dock, the download, the server address.
  await page.getByTestId("install-dock").waitFor()
  expect(await page.getByTestId("install-dock-server").textContent()).toBe(server.url)
  expect(await page.getByTestId("install-dock-steps").textContent()).toContain("Load unpacked")
  await screenshot(page, "install-dock-1440")
  await expectAccessible(page, "install the dock at 1440 px")
  await page.setViewportSize({ width: 390, height: 844 })
  await screenshot(page, "install-dock-390")
  await expectAccessible(page, "install the dock at 390 px")

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("install-dock-link").click()])
  expect(download.suggestedFilename()).toBe("switchboard-dock.zip")
  const unpacked = mkdtempSync(join(tmpdir(), "dock-download-"))
  closers.push(async () => rmSync(unpacked, { recursive: true, force: true }))
  extractZip(new Uint8Array(readFileSync((await download.path())!)), unpacked)

  // 3. Chrome with the unzipped folder loaded: the dock knows its server.
  const agentChrome = await launchWithExtension(join(unpacked, "switchboard-dock"))
  closers.push(() => agentChrome.close())
  const dock = await agentChrome.context.newPage()
  await dock.setViewportSize({ width: 360, height: 640 })
  await dock.goto(`chrome-extension://${agentChrome.extensionId}/popup.html`)
  const serverField = dock.getByLabel("Server URL", { exact: true })
  await expect.poll(() => serverField.inputValue()).toBe(server.url)
  expect(await serverField.getAttribute("data-source")).toBe("package")
  await screenshot(dock, "dock-signed-out-server-filled")
  await expectAccessible(dock, "dock sign-in")

  // A human error for an empty password, then for a wrong one.
  await dock.getByLabel("E-mail", { exact: true }).fill("olga@example.com")
  await dock.getByRole("button", { name: "Sign in" }).click()
  await expect.poll(() => dock.getByTestId("sign-in-error").textContent()).toBe("Enter your password.")
  await dock.getByLabel("Password", { exact: true }).fill("not-my-password")
  await dock.getByRole("button", { name: "Sign in" }).click()
  await expect.poll(() => dock.getByTestId("sign-in-error").textContent()).toBe("Wrong e-mail or password.")
  await screenshot(dock, "dock-wrong-password")

  await dock.getByLabel("Password", { exact: true }).fill(PASSWORD)
  await dock.getByRole("button", { name: "Sign in" }).click()
  await dock.locator('[data-testid="dock"][data-connection="connected"]').waitFor({ timeout: 20_000 })

  // 4. Signed in: the agent sees their effective settings.
  await dock.getByText("Your settings").click()
  const setting = (label: string) => dock.getByTestId(`my-setting-${label}`).locator("dd").textContent()
  expect(await setting("Auto answer")).toBe("Off")
  expect(await setting("Chats at once")).toBe("3")
  expect(await setting("Phone numbers")).toBe("Shown")
  await screenshot(dock, "dock-signed-in-settings")
  await expectAccessible(dock, "dock signed in, settings open")
}, 300_000)
