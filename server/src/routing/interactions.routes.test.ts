import type { InteractionState, Role } from "@switchboard/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addTeam } from "../../test/realtime-fixtures.js";
import { createQueue } from "../../test/routing-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { InteractionModel } from "./interaction.model.js";

let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
afterAll(() => t.close());

/** Who reads, with what they are: §5 "see interactions and transcripts". */
const readers: Record<string, { token: string; userId: string }> = {};
const queues: Record<"a" | "b", string> = { a: "", b: "" };
interface Seeded {
  id: string;
  queue: "a" | "b";
  state: InteractionState;
  agent: string | null;
}
const seeded: Seeded[] = [];

beforeAll(async () => {
  t = await startTestServer({});
  ws = await setUpWorkspace(t.api);
  const [teamA, teamB] = [await addTeam(ws.workspaceId, "Authz A"), await addTeam(ws.workspaceId, "Authz B")];
  queues.a = (await createQueue(t, ws.token, ws.workspaceId, { name: "Authz A", channel: "chat", teams: [teamA] })).id;
  queues.b = (await createQueue(t, ws.token, ws.workspaceId, { name: "Authz B", channel: "chat", teams: [teamB] })).id;
  readers.admin = { token: ws.token, userId: ws.userId };
  const roles: Array<[string, Role, string[]]> = [
    ["manager", "manager", [teamA]],
    ["supervisor", "supervisor", [teamA]],
    ["viewer", "viewer", []],
    ["agent", "agent", [teamA]],
    ["agentB", "agent", [teamB]],
  ];
  for (const [name, role, teams] of roles) readers[name] = await addMember(ws.workspaceId, { name: `Authz ${name}`, roles: [role], teams });

  const teamsOf = { a: [teamA], b: [teamB] };
  const rows: Array<Omit<Seeded, "id">> = [
    { queue: "a", state: "queued", agent: null },
    { queue: "a", state: "connected", agent: readers.agent!.userId },
    { queue: "a", state: "closed", agent: readers.agent!.userId },
    { queue: "a", state: "closed", agent: readers.agentB!.userId },
    { queue: "b", state: "queued", agent: null },
    { queue: "b", state: "closed", agent: readers.agentB!.userId },
    // Handled by the team-A agent and manager in team B's queue: still theirs to see.
    { queue: "b", state: "closed", agent: readers.agent!.userId },
    { queue: "b", state: "connected", agent: readers.manager!.userId },
  ];
  const now = Date.now();
  for (const [i, row] of rows.entries()) {
    const doc = await InteractionModel.create({
      workspaceId: ws.workspaceId,
      queueId: queues[row.queue],
      queueName: `Authz ${row.queue}`,
      queueTeams: teamsOf[row.queue],
      kind: "chat",
      state: row.state,
      agentId: row.agent,
      agentName: row.agent ? "Someone" : null,
      contact: { name: `Customer ${i}`, phone: null, email: null },
      queuedAt: new Date(now - i * 1000),
      enqueuedAt: new Date(now - i * 1000),
    });
    seeded.push({ id: String(doc._id), ...row });
  }
});

/** What each reader may see of one interaction (DESIGN.md §5 row, §10). */
const mayRead: Record<string, (row: Seeded) => boolean> = {
  admin: () => true,
  viewer: () => true,
  manager: (row) => row.queue === "a" || row.agent === readers.manager!.userId,
  supervisor: (row) => row.queue === "a" || row.agent === readers.supervisor!.userId,
  agent: (row) => row.agent === readers.agent!.userId,
};

const filters: Array<[string, (row: Seeded) => boolean, () => Record<string, string>]> = [
  ["no filter", () => true, () => ({})],
  ["queue B", (row) => row.queue === "b", () => ({ queue: queues.b })],
  ["state closed", (row) => row.state === "closed", () => ({ state: "closed" })],
  ["another agent's", (row) => row.agent === readers.agentB!.userId, () => ({ agent: readers.agentB!.userId })],
  ["the team-A agent's, in queue B", (row) => row.agent === readers.agent!.userId && row.queue === "b", () => ({ agent: readers.agent!.userId, queue: queues.b })],
];

describe("GET /interactions: what each role sees through every filter", () => {
  for (const role of Object.keys(mayRead)) {
    for (const [label, matches, query] of filters) {
      it(`security: ${role}, ${label}`, async () => {
        const params = new URLSearchParams({ ...query(), pageSize: "100" });
        const res = await t.api.get(`/api/workspaces/${ws.workspaceId}/interactions?${params}`, { token: readers[role]!.token });
        expect(res.status).toBe(200);
        const mine = new Set(seeded.map((row) => row.id));
        const got = (res.body.items as Array<{ id: string }>).map((item) => item.id).filter((id) => mine.has(id));
        const expected = seeded.filter((row) => matches(row) && mayRead[role]!(row)).map((row) => row.id);
        expect(new Set(got)).toEqual(new Set(expected));
        if (role !== "admin" && role !== "viewer") expect(res.body.total).toBe(expected.length);
      });
    }
    it(`security: ${role} opens only what they may read`, async () => {
      for (const row of seeded) {
        const res = await t.api.get(`/api/workspaces/${ws.workspaceId}/interactions/${row.id}`, { token: readers[role]!.token });
        expect([row.id, res.status]).toEqual([row.id, mayRead[role]!(row) ? 200 : 404]);
      }
    });
  }
});
