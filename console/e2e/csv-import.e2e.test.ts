import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeViolations, seriousAxeViolations, setUpWorkspace } from "@switchboard/server/test-support";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 15 acceptance 4: a 10,000-row CSV import shows its progress (rows done / total) while it
 * runs, changing often enough that the test sees at least three distinct figures; the check-only
 * preview is gone once the import starts, so the result never sits next to a stale dry run.
 */
const ROWS = 10_000;
let env: ConsoleEnv;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;

beforeAll(async () => {
  env = await startConsoleEnv("csv-import");
  ws = await setUpWorkspace(env.api);
}, 120_000);
afterAll(() => env?.close());

/** The invitations page's CSV tab with this file chosen, for agents of the first team. */
async function chooseCsv(csvPath: string): Promise<Page> {
  const page = await env.pageAs(ws.token);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/invitations");
  await page.getByTestId("invite-tab-csv").click();
  await page.getByTestId("csv-file").setInputFiles(csvPath);
  await page.getByTestId("csv-role-agent").check();
  await page.locator('input[data-testid^="csv-team-"]').first().check();
  return page;
}

// First: after the 10,000-row import the embedded database is busy for minutes sending its 10,000 e-mails.
it("column mapping: headers it does not know are named by the uploader, then previewed and imported", async () => {
  const csvPath = join(tmpdir(), `mapping-${Date.now()}.csv`);
  writeFileSync(csvPath, "Agent Login,Display,Notes\nmapped@bulk.test,Map Ped,likes tea\n");
  const page = await chooseCsv(csvPath);
  await page.getByTestId("csv-columns").waitFor();
  expect(await page.getByTestId("csv-column-0").inputValue()).toBe("ignore");
  await page.getByTestId("csv-column-0").selectOption("email");
  await page.getByTestId("csv-column-1").selectOption("name");
  await expect.poll(() => page.getByTestId("csv-preview-count-invited").count(), { timeout: 60_000 }).toBe(1);
  await env.screenshot(page, "mapping-1440");
  expect(describeViolations(await seriousAxeViolations(page, { include: ["[data-testid=csv-form]"] }))).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await env.screenshot(page, "mapping-390");
  expect(describeViolations(await seriousAxeViolations(page, { include: ["[data-testid=csv-form]"] }))).toEqual([]);
  await page.getByTestId("csv-submit").click();
  await expect.poll(() => page.getByTestId("invite-report-count-invited").textContent(), { timeout: 60_000 }).toContain("1");
}, 120_000);

it("a 10,000-row import shows rows done / total as it goes, then only the result", async () => {
  const lines = Array.from({ length: ROWS }, (_, i) => `Person ${i},person-${i}@bulk.test`);
  const csvPath = join(tmpdir(), `bulk-${Date.now()}.csv`);
  writeFileSync(csvPath, ["name,email", ...lines].join("\n"));

  const page = await chooseCsv(csvPath);
  await expect.poll(() => page.getByTestId("csv-preview-count-invited").textContent(), { timeout: 120_000 }).toContain(String(ROWS));
  await env.screenshot(page, "preview-1440");

  const started = Date.now();
  await page.getByTestId("csv-submit").click();
  // Sampled in the page every 100 ms until the result replaces the bar.
  const seen = await page.evaluate(async () => {
    const values: string[] = [];
    for (;;) {
      const bar = document.querySelector<HTMLElement>("[data-testid=csv-progress]");
      if (document.querySelector("[data-testid=invite-report]")) return values;
      const value = bar ? `${bar.dataset.done}/${bar.dataset.total}` : "";
      if (value !== "/" && value !== "" && values.at(-1) !== value) values.push(value);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  const elapsedMs = Date.now() - started;
  console.log(`console csv import: ${ROWS} rows in ${(elapsedMs / 1000).toFixed(1)} s, progress values seen: ${seen.length} (${seen.slice(0, 5).join(", ")}…)`);
  expect(seen.length).toBeGreaterThanOrEqual(3);
  expect(seen.every((value) => value.endsWith(`/${ROWS}`))).toBe(true);

  await expect.poll(() => page.getByTestId("invite-report-count-invited").textContent()).toContain(String(ROWS));
  // The check-only preview is gone: only the result is on the page.
  expect(await page.getByTestId("csv-preview").count()).toBe(0);
  expect(await page.getByTestId("csv-dry-run-note").count()).toBe(0);
  expect(await page.getByTestId("csv-progress").count()).toBe(0);
  await env.screenshot(page, "result-1440");
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await env.screenshot(page, "result-390");
  // The import form and its result; the pending table below belongs to the paging work (its
  // scroll box at 390 px lacks keyboard access on main as of this test, reported to the lead).
  expect(describeViolations(await seriousAxeViolations(page, { include: ["[data-testid=csv-form]"] }))).toEqual([]);
}, 300_000);
