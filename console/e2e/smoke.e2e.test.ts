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
  await page.goto("/");
  await page.getByTestId("setup-submit").waitFor();
  await env.screenshot(page, "setup");
  expect(page.url()).toMatch(/\/setup$/);
});
