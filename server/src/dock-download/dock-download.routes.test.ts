import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/test-server.js";

const dockDir = mkdtempSync(join(tmpdir(), "dock-build-"));
mkdirSync(join(dockDir, "static"));
writeFileSync(join(dockDir, "manifest.json"), '{"manifest_version":3,"name":"Switchboard Dock"}');
writeFileSync(join(dockDir, "static", "popup.js"), "console.log(1)");
writeFileSync(join(dockDir, "static", "popup.js.map"), "{}");

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({}, { dockDir });
});
afterAll(() => t.close());

describe("GET /api/dock/download", () => {
  it("offers the built dock as a zip that names the server it came from, without source maps", async () => {
    const res = await fetch(`${t.url}/api/dock/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="switchboard-dock.zip"');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["switchboard-dock/manifest.json", "switchboard-dock/server.json", "switchboard-dock/static/popup.js"]);
    expect(JSON.parse(strFromU8(files["switchboard-dock/server.json"]!))).toEqual({ serverUrl: t.url });
  });
});

describe("GET /api/dock/download without a dock build", () => {
  it("answers 404 with a readable reason", async () => {
    const bare = await startTestServer({}, { dockDir: join(dockDir, "nowhere") });
    try {
      const res = await bare.api.get("/api/dock/download");
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: "NOT_FOUND", message: "The dock has not been built on this server; an administrator runs `npm run build -w extension`." });
    } finally {
      await bare.close();
    }
  });
});
