import { fileURLToPath } from "node:url"
import ts from "typescript"
import { describe, expect, it } from "vitest"
import { findSharedCopies, sourceFiles } from "./shared-copies"

// Issue 11, acceptance 1: the dock's contract with the server comes from shared, never a copy.
const EXTENSION_SRC = fileURLToPath(new URL("../", import.meta.url))
const SHARED_INDEX = fileURLToPath(new URL("../../../shared/src/index.ts", import.meta.url))
const FIXTURE = fileURLToPath(new URL("./shared-copies.fixture.ts", import.meta.url))
const config = ts.getParsedCommandLineOfConfigFile(fileURLToPath(new URL("../../tsconfig.json", import.meta.url)), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"))
  },
})!
const dockFiles = sourceFiles(EXTENSION_SRC, (file) => /\.test\.tsx?$|\.fixture\.ts$/.test(file))

describe("the dock's schemas and types", () => {
  const { scanned, copies } = findSharedCopies([...dockFiles, FIXTURE], SHARED_INDEX, config.options)
  const inDock = (file: string) => file !== FIXTURE

  it("repeat none of shared's: extension/src has no copy left", () => {
    const schemas = scanned.filter((item) => inDock(item.file) && item.kind === "schema")
    const types = scanned.filter((item) => inDock(item.file) && item.kind === "type")
    console.info(`checked ${schemas.length} zod schemas and ${types.length} types exported by extension/src`)
    expect(schemas.length).toBeGreaterThan(10)
    expect(copies.filter((copy) => inDock(copy.copy.file)).map((copy) => `${copy.copy.name} (${copy.why} as ${copy.of})`)).toEqual([])
  })

  it("are checked for real: the copies the dock used to keep are found", () => {
    expect(copies.filter((copy) => !inDock(copy.copy.file)).map((copy) => [copy.copy.name, copy.why])).toEqual([
      ["PresenceChoiceSchema", "same name"],
      ["PresenceChoice", "same name"],
      ["DockSettingsSchema", "same fields"],
      ["DockClientToServerEvents", "same name"],
    ])
    expect(copies.find((copy) => copy.copy.name === "DockSettingsSchema")?.of).toBe("effectiveSettingsSchema")
  })
})
