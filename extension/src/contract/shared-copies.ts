import { readdirSync } from "node:fs"
import { join } from "node:path"
import ts from "typescript"

/** One exported name: a zod schema (with its object keys, if it is an object) or a type. */
export interface ExportedContract {
  file: string
  name: string
  kind: "schema" | "type"
  /** The keys of a z.object schema, else empty. */
  keys: string[]
}

export interface SharedCopy {
  copy: ExportedContract
  /** The shared export it repeats. */
  of: string
  why: "same name" | "same fields"
}

/** Below this many fields, two objects sharing their keys is chance (`{ id, name }`), not a copy. */
const MIN_SHARED_FIELDS = 3

/** `PresenceChoiceSchema` and `presenceChoiceSchema` name one thing; so do a schema and its type. */
const nameKey = (name: string) => name.toLowerCase().replace(/schema$/, "")

export function sourceFiles(dir: string, skip: (file: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !skip(file))
}

function exportsOf(checker: ts.TypeChecker, file: ts.SourceFile): ExportedContract[] {
  const module = checker.getSymbolAtLocation(file)
  if (!module) return []
  return checker.getExportsOfModule(module).flatMap((exported): ExportedContract[] => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    const declaration = symbol.declarations?.[0]
    if (!declaration) return []
    const at = declaration.getSourceFile().fileName
    if (symbol.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface)) {
      return [{ file: at, name: exported.name, kind: "type", keys: [] }]
    }
    if (!(symbol.flags & ts.SymbolFlags.Variable)) return []
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration)
    // Every zod 4 schema carries `_zod` (its internals); nothing else we export does.
    if (!type.getProperty("_zod")) return []
    const shape = type.getProperty("shape")
    const keys = shape
      ? checker.getTypeOfSymbolAtLocation(shape, declaration).getProperties().map((key) => key.name)
      : []
    return [{ file: at, name: exported.name, kind: "schema", keys }]
  })
}

/**
 * The zod schemas and types `files` export that repeat one of shared's: by name (case and
 * a `Schema` suffix aside), or an object schema whose fields are all fields of one of
 * shared's object schemas. Read with the TypeScript checker, so nothing is run.
 */
export function findSharedCopies(files: string[], sharedIndex: string, compilerOptions: ts.CompilerOptions): {
  scanned: ExportedContract[]
  copies: SharedCopy[]
} {
  const program = ts.createProgram([...files, sharedIndex], { ...compilerOptions, noEmit: true })
  const checker = program.getTypeChecker()
  const shared = exportsOf(checker, program.getSourceFile(sharedIndex)!)
  const sharedByName = new Map(shared.map((item) => [nameKey(item.name), item.name]))
  const sharedObjects = shared.filter((item) => item.kind === "schema" && item.keys.length > 0)
  const scanned = files.flatMap((file) => exportsOf(checker, program.getSourceFile(file)!)).filter((item) => item.file !== sharedIndex && !item.file.includes("/shared/src/"))
  const copies: SharedCopy[] = []
  for (const item of scanned) {
    const sameName = sharedByName.get(nameKey(item.name))
    if (sameName) {
      copies.push({ copy: item, of: sameName, why: "same name" })
      continue
    }
    if (item.keys.length < MIN_SHARED_FIELDS) continue
    const superset = sharedObjects.find((object) => item.keys.every((key) => object.keys.includes(key)))
    if (superset) copies.push({ copy: item, of: superset.name, why: "same fields" })
  }
  return { scanned, copies }
}
