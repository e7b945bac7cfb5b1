import { mkdirSync, readdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Browser, Page } from "playwright-core"
import {
  addTestMember,
  connect,
  launchBrowser,
  launchWithExtension,
  setUpWorkspace,
  signedInPage,
  startTestServer,
  type ClientSocket,
  type ExtensionBrowser,
  type HttpResult,
  type TestServer,
} from "@switchboard/server/test-support"
import { requireExtensionBuild } from "./extension-build"
import type { TestKamailio } from "@switchboard/server/test-support"

const DOCK_ARTIFACTS = fileURLToPath(new URL("../../../artifacts/e2e/dock", import.meta.url))
/** The built console (`npm run build -w console`; npm test builds it). */
const CONSOLE_DIST = fileURLToPath(new URL("../../../console/dist", import.meta.url))

export interface Agent {
  userId: string
  email: string
  password: string
  token: string
}

export interface DockEnv {
  server: TestServer
  ws: Awaited<ReturnType<typeof setUpWorkspace>>
  browser: ExtensionBrowser
  /** A real agent who can sign in with e-mail and password. */
  addAgent(name: string): Promise<Agent>
  /** The dock's popup page, opened as a tab (same page the toolbar icon shows). */
  openDock(): Promise<Page>
  /**
   * The admin saves a member's settings (PUT …/members/:userId/settings): these overrides,
   * with the dock-settings switch on unless said otherwise.
   */
  setMemberSettings(userId: string, overrides: Record<string, unknown>, options?: { overrideDockSettings?: boolean }): Promise<HttpResult>
  /** A console watcher: socket.io-client on /console as the admin. */
  watch(): Promise<ClientSocket>
  /** The real console, signed in as the admin, in a second browser (its own context). */
  openConsole(path: string): Promise<Page>
  /** Saves artifacts/e2e/dock/<suite>-<n>-<name>.png. */
  screenshot(page: Page, name: string): Promise<string>
  close(): Promise<void>
}

/** A real server (FerretDB) with a workspace, and Debian Chromium with the built extension loaded. */
export async function startDockEnv(suite: string, options: { kamailio?: TestKamailio; devtools?: boolean } = {}): Promise<DockEnv> {
  const extensionDir = requireExtensionBuild()
  mkdirSync(DOCK_ARTIFACTS, { recursive: true })
  // A re-run replaces this suite's screenshots rather than mixing in stale numbering.
  for (const file of readdirSync(DOCK_ARTIFACTS)) {
    if (file.startsWith(`${suite}-`)) rmSync(join(DOCK_ARTIFACTS, file))
  }
  // With a Kamailio, the server issues SIP accounts for it (GET /api/me/sip) and pushes revocations.
  const k = options.kamailio
  const sip = k
    ? { secret: k.secret, wsUrl: k.wsUrl, domain: k.domain, rpcUrl: k.rpcUrl, evapi: { host: "127.0.0.1", port: k.evapiPort }, credentialTtlSeconds: k.credentialTtlSeconds }
    : undefined
  const server = await startTestServer(sip ? { sip } : {}, { consoleDir: CONSOLE_DIST })
  const ws = await setUpWorkspace(server.api)
  const browser = await launchWithExtension(extensionDir, { devtools: options.devtools ?? false })
  const watchers: ClientSocket[] = []
  let consoleBrowser: Browser | undefined
  let shot = 0
  return {
    server,
    ws,
    browser,
    async addAgent(name) {
      const password = "agent-password-1"
      const member = await addTestMember(server, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId], name, password })
      return { ...member, password }
    },
    async openDock() {
      const page = await browser.context.newPage()
      await page.setViewportSize({ width: 360, height: 600 })
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`)
      await page.locator('[data-testid="dock"][data-synced="true"]').waitFor()
      return page
    },
    setMemberSettings(userId, overrides, { overrideDockSettings = true } = {}) {
      return server.api.put(`/api/workspaces/${ws.workspaceId}/members/${userId}/settings`, { overrideDockSettings, overrides }, { token: ws.token })
    },
    async watch() {
      const socket = await connect(server.url, "/console", { token: ws.token, workspaceId: ws.workspaceId })
      watchers.push(socket)
      return socket
    },
    async openConsole(path) {
      consoleBrowser ??= await launchBrowser()
      const context = await consoleBrowser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 720 } })
      const page = await signedInPage(context, server.url, ws.token)
      await page.goto(path)
      return page
    },
    async screenshot(page, name) {
      const path = join(DOCK_ARTIFACTS, `${suite}-${String(++shot).padStart(2, "0")}-${name}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    },
    async close() {
      for (const watcher of watchers) watcher.close()
      await consoleBrowser?.close()
      await browser.close()
      await server.close()
    },
  }
}

/** Fills the dock's sign-in form and waits for the /dock socket to connect. */
export async function signInDock(dock: Page, serverUrl: string, agent: Agent): Promise<void> {
  await dock.getByLabel("Server URL", { exact: true }).fill(serverUrl)
  await dock.getByLabel("E-mail", { exact: true }).fill(agent.email)
  await dock.getByLabel("Password", { exact: true }).fill(agent.password)
  await dock.getByRole("button", { name: "Sign in" }).click()
  await dock.locator('[data-testid="dock"][data-connection="connected"]').waitFor({ timeout: 15_000 })
}

/** An offer card in a dock. */
export const offerCard = (dock: Page) => dock.getByTestId("offer")
export const presenceIs = (dock: Page, status: string) => dock.locator(`[data-testid="presence"][data-status="${status}"]`)

/** The dock's popup page in another browser with the extension (a second agent's profile). */
export async function openDockIn(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage()
  await page.setViewportSize({ width: 360, height: 720 })
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`)
  await page.locator('[data-testid="dock"][data-synced="true"]').waitFor()
  return page
}

export async function goAvailable(dock: Page) {
  await dock.getByTestId("presence").locator("select").selectOption("available")
  await presenceIs(dock, "available").waitFor()
}
