import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * Issue 11, acceptance 3: each fixture breaks one import boundary of `eslint.config.js` and names the
 * rule that must catch it. The fixture is linted as if it stood at its `lint-as` path, because the
 * boundaries are drawn by where a file lives; the normal lint run skips this folder.
 */
// No trailing slash: the TypeScript resolver then finds no tsconfig for `~…` imports and lets them pass.
const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..");
const eslint = new ESLint({ cwd: root });

const fixtures = readdirSync(here)
  .filter((name) => name.endsWith(".fixture.ts"))
  .map((name) => {
    const code = readFileSync(join(here, name), "utf8");
    const header = (key: string) => code.match(new RegExp(`^// ${key}: (.+)$`, "m"))?.[1]?.trim();
    return { name, code, lintAs: header("lint-as"), expected: header("expect") };
  });

describe("lint boundaries", () => {
  it("has a fixture for every boundary and a control", () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(["allowed-imports.fixture.ts", "shared-imports-an-app.fixture.ts"]));
    for (const fixture of fixtures) expect(fixture.lintAs && fixture.expected, fixture.name).toBeTruthy();
  });

  it.each(fixtures)("$name", async ({ code, lintAs, expected }) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, lintAs!) });
    const rules = result!.messages.map((message) => message.ruleId ?? message.message);
    if (expected === "nothing") expect(rules).toEqual([]);
    else expect(rules).toContain(expected);
  });
});
