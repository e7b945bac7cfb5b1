import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { chromium, type Browser, type BrowserContext } from "playwright-core"

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

const BASE_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]

// Fake camera/microphone and an auto-accepted permission prompt, so JsSIP's
// getUserMedia succeeds headless; WebRTC then runs for real over loopback.
const FAKE_MEDIA_ARGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: [...BASE_ARGS, ...FAKE_MEDIA_ARGS],
  })
}

export interface ExtensionBrowser {
  context: BrowserContext
  extensionId: string
  /** `http://127.0.0.1:<port>` when launched with `devtools`: a second CDP client reaches the offscreen document there. */
  cdpEndpoint?: string
  close(): Promise<void>
}

/**
 * Chromium with an unpacked extension loaded. Extensions need a persistent
 * context; the new headless mode (the default for `headless: true` in
 * Chromium ≥ 132) runs them.
 */
export async function launchWithExtension(extensionDir: string, options: { devtools?: boolean } = {}): Promise<ExtensionBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), "switchboard-chromium-"))
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: [
      ...BASE_ARGS,
      ...FAKE_MEDIA_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // A loopback DevTools port (any free one; Chromium names it in DevToolsActivePort) for
      // tests that watch what the extension's offscreen document receives.
      ...(options.devtools ? ["--remote-debugging-port=0"] : []),
    ],
  })
  try {
    const worker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent("serviceworker", { timeout: 30_000 }))
    const extensionId = new URL(worker.url()).host
    const cdpPort = options.devtools ? (await readFile(join(userDataDir, "DevToolsActivePort"), "utf8")).split("\n")[0] : undefined
    return {
      context,
      extensionId,
      ...(cdpPort ? { cdpEndpoint: `http://127.0.0.1:${cdpPort}` } : {}),
      close: async () => {
        await context.close()
        await rm(userDataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
    throw error
  }
}
