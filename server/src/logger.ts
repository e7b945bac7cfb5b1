import { Writable } from "node:stream";
import { pino, type Logger } from "pino";

export type LogFormat = "json" | "pretty";

const LEVELS: Readonly<Record<number, string>> = Object.freeze({ 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" });
const QUIET_KEYS = new Set(["level", "time", "msg", "pid", "hostname"]);

const showValue = (value: unknown) => (typeof value === "string" && !/\s/.test(value) ? value : JSON.stringify(value));

/**
 * One pino JSON line as a person reads it: `15:04:05 INFO  message key=value`, an error's stack on
 * the lines below. Development only; production keeps JSON for log collectors.
 */
export function formatLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith("\n") ? json : `${json}\n`;
  }
  const time = typeof entry.time === "number" ? new Date(entry.time).toTimeString().slice(0, 8) : "";
  const level = (LEVELS[entry.level as number] ?? String(entry.level)).padEnd(5);
  const err = entry.err as { stack?: string } | undefined;
  const fields = Object.entries(entry)
    .filter(([key]) => !QUIET_KEYS.has(key) && key !== "err")
    .map(([key, value]) => `${key}=${showValue(value)}`);
  const head = [time, level, entry.msg ?? "", ...fields].filter((part) => part !== "").join(" ");
  return `${head}\n${err?.stack ? `${err.stack}\n` : ""}`;
}

/** JSON lines in production; readable lines (time, level, message) when a person watches `npm start`. */
export function createLogger(level: string, format: LogFormat = "json"): Logger {
  if (format === "json") return pino({ level, base: undefined });
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      process.stdout.write(formatLogLine(chunk.toString("utf8").trimEnd()));
      done();
    },
  });
  return pino({ level, base: undefined }, out);
}
