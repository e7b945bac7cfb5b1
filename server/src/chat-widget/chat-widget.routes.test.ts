import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/test-server.js";

const WS = "a".repeat(24);
const QUEUE = "b".repeat(24);

describe("chat widget page", () => {
  let server: TestServer;
  let consoleDir: string;

  beforeAll(async () => {
    // A stand-in for the built console: the two pages are told apart by their text.
    consoleDir = mkdtempSync(join(tmpdir(), "console-dist-"));
    mkdirSync(join(consoleDir, "chat"));
    writeFileSync(join(consoleDir, "index.html"), "console shell");
    writeFileSync(join(consoleDir, "chat/index.html"), "chat widget page");
    writeFileSync(join(consoleDir, "chat/embed.js"), "/* embed */");
    server = await startTestServer({}, { consoleDir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it("serves the widget page at /chat/:workspaceId/:queueId, re-read on each visit", async () => {
    const res = await server.api.get(`/chat/${WS}/${QUEUE}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe("chat widget page");
    expect(res.headers.get("cache-control")).toBe("no-cache");
  });

  it("serves the embed script the snippet names", async () => {
    const res = await server.api.get("/chat/embed.js");
    expect(res.status).toBe(200);
    expect(res.text).toBe("/* embed */");
    expect(res.headers.get("content-type")).toContain("javascript");
  });

  it("answers 404 (not the console shell) for a chat path with malformed ids", async () => {
    for (const path of [`/chat/${WS}/not-an-id`, `/chat/${WS}`, `/chat/x/${QUEUE}/extra`]) {
      const res = await server.api.get(path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).not.toContain("console shell");
    }
  });

  it("still serves the console shell for console routes", async () => {
    const res = await server.api.get("/queues");
    expect(res.text).toBe("console shell");
  });
});
