import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

/**
 * The dock's own runner: unit tests beside the code, and browser end-to-end
 * tests in e2e/ that start real Kamailio and Debian Chromium themselves.
 * `npm run test:e2e -w extension` expects `npm run build -w extension` first.
 */
export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./src/", import.meta.url)) },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "extension", include: ["src/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "extension-e2e",
          include: ["e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own Kamailio and Chromium; two cores are plenty busy.
          fileParallelism: false,
        },
      },
    ],
  },
})
