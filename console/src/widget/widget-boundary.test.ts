import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

describe("widget boundary", () => {
  it("the widget imports nothing of the console app: only shared, libraries and its own folder", () => {
    const files = readdirSync(here).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const specifiers = [...readFileSync(join(here, file), "utf8").matchAll(/from\s+"([^"]+)"|import\s+"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
      for (const spec of specifiers) expect(spec, `${file} imports ${spec}`).not.toMatch(/^\.\.\//);
    }
  });
});
