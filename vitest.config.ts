import { defineConfig } from "vitest/config";

/**
 * One runner for the whole repo. `unit` is pure code; `server` talks to a real FerretDB
 * started once per run by the global setup; `e2e` drives Debian's Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: "shared", include: ["shared/src/**/*.test.ts"] } },
      {
        test: {
          name: "server",
          include: ["server/src/**/*.test.ts", "server/test/**/*.test.ts"],
          globalSetup: ["server/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
