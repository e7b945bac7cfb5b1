import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

export const EXTENSION_BUILD_DIR = fileURLToPath(new URL("../../build/chrome-mv3-prod", import.meta.url))
export const ARTIFACTS_DIR = fileURLToPath(new URL("../artifacts", import.meta.url))

/** The e2e tests load what `npm run build -w extension` produced; they never build it themselves. */
export function requireExtensionBuild(): string {
  if (!existsSync(`${EXTENSION_BUILD_DIR}/manifest.json`)) {
    throw new Error(`${EXTENSION_BUILD_DIR} is missing: run \`npm run build -w extension\` first`)
  }
  return EXTENSION_BUILD_DIR
}
