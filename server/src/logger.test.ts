import { describe, expect, it } from "vitest";
import { formatLogLine } from "./logger.js";

describe("formatLogLine (development logs)", () => {
  it("prints the start-up lines as plain text: time, level, message", () => {
    const time = new Date(2026, 10, 29, 15, 4, 5).getTime();
    expect(formatLogLine(JSON.stringify({ level: 30, time, msg: "Switchboard is running at http://localhost:3000" }))).toBe(
      "15:04:05 INFO  Switchboard is running at http://localhost:3000\n",
    );
    expect(formatLogLine(JSON.stringify({ level: 30, time, msg: "First run: open http://localhost:3000/setup to create your workspace" }))).toBe(
      "15:04:05 INFO  First run: open http://localhost:3000/setup to create your workspace\n",
    );
  });

  it("keeps fields as key=value and an error's stack below", () => {
    const line = formatLogLine(JSON.stringify({ level: 40, time: 0, msg: "could not persist", kind: "embedded", err: { message: "boom", stack: "Error: boom\n    at x" } }));
    expect(line).toMatch(/^\d\d:\d\d:\d\d WARN  could not persist kind=embedded\nError: boom\n    at x\n$/);
  });

  it("passes through what is not JSON", () => {
    expect(formatLogLine("plain")).toBe("plain\n");
  });
});
