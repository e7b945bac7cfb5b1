import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
/**
 * axe-core's browser build. Evaluated through DevTools rather than `addScriptTag`, which inserts an
 * inline script the console's CSP (script-src 'self') rightly refuses; the CSP stays as it is in production.
 */
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules plus best practices) on the page as it is now and returns
 * the serious and critical violations, one line per failing node, so a test can `expect(...).toEqual([])`
 * and its failure message says what and where. Shared by the console and dock suites.
 */
export async function seriousAxeViolations(page: Page, context: string | { include: string[] } = "html"): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === "object");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async (ctx) => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string }[] }[] }> } }).axe;
    return axe.run(ctx, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
  }, context);
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => `${n.target.map(String).join(" ")} ${n.html.slice(0, 80)}`) }));
}

/** Readable one-liners for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.targets.slice(0, 4).join(" | ")}${v.targets.length > 4 ? ` (+${v.targets.length - 4})` : ""}`);
}
