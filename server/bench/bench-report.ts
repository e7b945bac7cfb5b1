import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../src/db/ferretdb-binary.js";

/** The machine a run happened on, for the committed results. */
export function machineLine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (\`nproc\`), ${cpu[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}`;
}

/**
 * Replaces this benchmark's section of docs/benchmarks.md (between `<!-- name:start -->` and
 * `<!-- name:end -->`), or appends it, leaving the other benchmarks' sections alone.
 */
export function writeBenchSection(name: string, lines: string[]): string {
  const file = join(REPO_ROOT, "docs/benchmarks.md");
  const section = [`<!-- ${name}:start -->`, ...lines, `<!-- ${name}:end -->`].join("\n");
  mkdirSync(dirname(file), { recursive: true });
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const marked = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`);
  writeFileSync(file, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`);
  console.log(`\n${section}\n\nwritten to ${file}`);
  return file;
}
