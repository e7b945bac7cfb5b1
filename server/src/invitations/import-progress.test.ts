import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { InvitationBatchModel } from "./invitation-batch.model.js";
import { InvitationModel } from "./invitation.model.js";

/** Issue 15 acceptance 4: a 10,000-row import reports rows done / total while it runs. */
const ROWS = 10_000;
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
let otherAdmin: TestMember;

beforeAll(async () => {
  // No SMTP: the e-mails stay in the outbox, so the figure is the import's own work.
  t = await startTestServer();
  ws = await setUpWorkspace(t.api);
  otherAdmin = await addTestMember(t, ws.workspaceId, { roles: ["admin"], teams: [ws.teamId] });
}, 60_000);
afterAll(async () => {
  await t.close();
});

function upload(rows: number, progressId: string, dryRun = false) {
  const lines = Array.from({ length: rows }, (_, i) => `Person ${i},person-${i}@example.com`);
  const form = new FormData();
  form.append("roles", "agent");
  form.append("teams", ws.teamId);
  form.append("file", new Blob([["name,email", ...lines].join("\n")], { type: "text/csv" }), "people.csv");
  return t.api.post(`/api/workspaces/${ws.workspaceId}/invitations/import?progressId=${progressId}${dryRun ? "&dryRun=true" : ""}`, undefined, { token: ws.token, raw: form });
}

const progressOf = (progressId: string, token = ws.token) => t.api.get(`/api/workspaces/${ws.workspaceId}/invitations/import-progress/${progressId}`, { token });

describe("CSV import progress", () => {
  it("a 10,000-row import reports rows done / total while it runs, then done", async () => {
    const started = Date.now();
    const request = upload(ROWS, "progress-10k");
    let finished = false;
    void request.finally(() => (finished = true));
    const seen: number[] = [];
    let widestGapMs = 0;
    let lastChange = Date.now();
    while (!finished) {
      const res = await progressOf("progress-10k");
      if (res.status === 200 && res.body.state === "running" && seen.at(-1) !== res.body.done) {
        expect(res.body.total).toBe(ROWS);
        if (seen.length > 0) widestGapMs = Math.max(widestGapMs, Date.now() - lastChange);
        lastChange = Date.now();
        seen.push(res.body.done);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const res = await request;
    const elapsedMs = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r: { status: string }) => r.status === "invited")).toHaveLength(ROWS);
    // Wall time is measured, not asserted (speed belongs in benchmarks, not test assertions); docs/benchmarks.md records it with the load.
    console.log(`csv import: ${ROWS} rows in ${(elapsedMs / 1000).toFixed(1)} s; ${seen.length} distinct progress values, widest gap between changes ${widestGapMs} ms`);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect((await progressOf("progress-10k")).body).toEqual({ id: "progress-10k", done: ROWS, total: ROWS, state: "done" });
    expect(await InvitationModel.countDocuments()).toBe(ROWS);
    // Every chunk's journal entry was completed (audit events and e-mails queued).
    expect(await InvitationBatchModel.countDocuments()).toBe(0);
  }, 180_000);

  it("security: only the uploader reads an import's progress; another admin of the workspace gets 404", async () => {
    const res = await upload(3, "progress-mine", true);
    expect(res.status).toBe(200);
    expect((await progressOf("progress-mine")).body).toMatchObject({ done: 3, total: 3, state: "done" });
    const other = await progressOf("progress-mine", otherAdmin.token);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("NOT_FOUND");
  });

  it("refuses a malformed progress id with 400 and its field", async () => {
    const res = await progressOf("x");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });
});
