import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, signedInPage, startSmtpCapture, startTestServer, type SmtpCapture, type TestServer } from "@switchboard/server/test-support";

const here = dirname(fileURLToPath(import.meta.url));
const CONSOLE_DIST = resolve(here, "../../dist");
const ARTIFACTS = resolve(here, "../../../artifacts/e2e");

export interface ConsoleEnv extends TestServer {
  smtp: SmtpCapture;
  browser: Browser;
  /** A fresh browser context (own cookies) pointed at the server. */
  newContext(): Promise<BrowserContext>;
  /** A page in a fresh context, signed in with this session token. */
  pageAs(token: string): Promise<Page>;
  /** Content-Security-Policy violations Chromium reported in any page so far (the console must cause none). */
  cspViolations: string[];
  /** Saves a full-page PNG under artifacts/e2e/<suite>/<n>-<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
}

/**
 * A real server (FerretDB through mongoose) serving the built console, a real SMTP server
 * capturing invitation e-mails, and Debian Chromium driven by playwright-core.
 * Run `npm run build -w console` first (npm test does).
 */
export async function startConsoleEnv(suite: string): Promise<ConsoleEnv> {
  const smtp = await startSmtpCapture();
  const server = await startTestServer({ smtpUrl: smtp.url }, { consoleDir: CONSOLE_DIST });
  const browser = await launchBrowser();
  const dir = join(ARTIFACTS, suite);
  // A re-run replaces this suite's screenshots rather than mixing in stale numbering (as the dock suites do).
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let shot = 0;
  const cspViolations: string[] = [];
  const newContext = async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1360, height: 860 } });
    context.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return context;
  };
  return {
    ...server,
    smtp,
    browser,
    cspViolations,
    newContext,
    pageAs: async (token) => signedInPage(await newContext(), server.url, token),
    async screenshot(page, name) {
      const path = join(dir, `${String(++shot).padStart(2, "0")}-${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
      await smtp.close();
    },
  };
}
