import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The dock's sources import each other as `~/…` (Plasmo's convention).
// A regex: a string key would only match "~" or "~/…", not Plasmo's "~background/…".
const extensionAlias = [{ find: /^~/, replacement: fileURLToPath(new URL("./extension/src/", import.meta.url)) }];

/**
 * One runner for the whole repo. `unit` is pure code; `server` talks to a real FerretDB
 * started once per run by the global setup; `e2e` drives Debian's Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: "shared", include: ["shared/src/**/*.test.ts"] } },
      // The lint boundaries (eslint.config.js) against fixtures that break them on purpose.
      { test: { name: "lint", include: ["lint-fixtures/**/*.test.ts"], testTimeout: 60_000 } },
      {
        test: {
          name: "server",
          include: ["server/src/**/*.test.ts", "server/test/**/*.test.ts"],
          globalSetup: ["server/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { resolve: { alias: extensionAlias }, test: { name: "extension", include: ["extension/src/**/*.test.ts"] } },
      {
        resolve: { alias: extensionAlias },
        test: {
          name: "extension-e2e",
          // Needs `npm run build -w extension`; each file starts its own Kamailio and Chromium.
          include: ["extension/e2e/**/*.e2e.test.ts"],
          globalSetup: ["server/test/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["console/e2e/**/*.e2e.test.ts"],
          globalSetup: ["server/test/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file drives its own Chromium; two cores are busy enough.
          fileParallelism: false,
        },
      },
    ],
  },
});
