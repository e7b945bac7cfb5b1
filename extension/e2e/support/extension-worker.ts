import type { CDPSession, Page } from "playwright-core"
import type { ExtensionBrowser } from "@switchboard/server/test-support"

/** `ServiceWorker.workerVersionUpdated`'s runningStatus. */
export type WorkerRunningStatus = "stopped" | "starting" | "running" | "stopping"

interface WorkerVersion {
  versionId: string
  scriptURL: string
  runningStatus: WorkerRunningStatus
}

export interface ExtensionWorker {
  /** Every running status the extension's worker went through since `watchExtensionWorker`, in order. */
  readonly history: readonly WorkerRunningStatus[]
  status(): WorkerRunningStatus | undefined
  /** Resolves once the worker reports `status` (at once if it already does). */
  waitFor(status: WorkerRunningStatus, timeoutMs?: number): Promise<void>
  /**
   * Stops the running worker as Chrome may at any time (idle timeout, update): the DevTools
   * `ServiceWorker.stopWorker` on its version, then waits until the version reports stopped.
   */
  stop(): Promise<void>
  /** The browser's service_worker targets of the extension (none while it is stopped). */
  targets(): Promise<string[]>
  close(): Promise<void>
}

/**
 * Follows the extension's service worker over CDP. The ServiceWorker domain lives on page
 * targets: a blank tab of the same profile sees the extension's registration. Target.getTargets
 * goes through a browser session. Playwright's own Worker object is no use here: it is not told
 * of the stop (no "close" event, the same object after the restart), and evaluating in it while
 * the worker is stopped hangs.
 */
export async function watchExtensionWorker(browser: ExtensionBrowser): Promise<ExtensionWorker> {
  const prefix = `chrome-extension://${browser.extensionId}/`
  const tab: Page = await browser.context.newPage()
  const session: CDPSession = await browser.context.newCDPSession(tab)
  const browserSession = await browser.context.browser()!.newBrowserCDPSession()
  const history: WorkerRunningStatus[] = []
  let version: WorkerVersion | undefined
  const waiters = new Set<() => void>()
  session.on("ServiceWorker.workerVersionUpdated", ({ versions }: { versions: WorkerVersion[] }) => {
    const ours = versions.find((v) => v.scriptURL.startsWith(prefix))
    if (!ours) return
    version = ours
    if (history.at(-1) !== ours.runningStatus) history.push(ours.runningStatus)
    for (const wake of waiters) wake()
  })
  await session.send("ServiceWorker.enable")

  const waitFor = (status: WorkerRunningStatus, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (version?.runningStatus !== status) return
        clearTimeout(timer)
        waiters.delete(check)
        resolve()
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`the extension's worker is ${version?.runningStatus ?? "unknown"}, not ${status}, after ${timeoutMs} ms`))
      }, timeoutMs)
      waiters.add(check)
      check()
    })

  return {
    history,
    status: () => version?.runningStatus,
    waitFor,
    async stop() {
      await waitFor("running")
      await session.send("ServiceWorker.stopWorker", { versionId: version!.versionId })
      await waitFor("stopped")
    },
    async targets() {
      const { targetInfos } = await browserSession.send("Target.getTargets")
      return targetInfos.filter((t) => t.type === "service_worker" && t.url.startsWith(prefix)).map((t) => t.url)
    },
    async close() {
      await browserSession.detach().catch(() => {})
      await session.detach().catch(() => {})
      await tab.close().catch(() => {})
    },
  }
}
