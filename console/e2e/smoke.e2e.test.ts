import { afterAll, beforeAll, expect, it } from "vitest";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

let env: ConsoleEnv;
beforeAll(async () => {
  env = await startConsoleEnv("smoke");
});
afterAll(() => env?.close());

it("serves the console, which offers first-run setup on an empty server", async () => {
  const context = await env.newContext();
  const page = await context.newPage();
  const response = await page.goto("/");
  await page.getByTestId("setup-submit").waitFor();
  await env.screenshot(page, "setup");
  expect(page.url()).toMatch(/\/setup$/);
  // Issue 10, item 9: the built console runs under its CSP (scripts, styles, API and socket from our origin only).
  expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
  expect(env.cspViolations).toEqual([]);
});
