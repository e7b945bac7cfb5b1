import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTestMember, type TestMember } from "../../test/member-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { InvitationModel } from "../invitations/invitation.model.js";
import { OutboxMessageModel } from "./outbox.model.js";

let t: TestServer;
let ws: { token: string; workspaceId: string; teamId: string; userId: string };
let others: Record<string, TestMember>;

const outbox = (token: string) => t.api.get(`/api/workspaces/${ws.workspaceId}/outbox`, { token });

beforeAll(async () => {
  t = await startTestServer(); // no SMTP URL: mail goes to the outbox
  ws = await setUpWorkspace(t.api);
  others = {
    manager: await addTestMember(t, ws.workspaceId, { roles: ["manager"], teams: [ws.teamId] }),
    supervisor: await addTestMember(t, ws.workspaceId, { roles: ["supervisor"], teams: [ws.teamId] }),
    viewer: await addTestMember(t, ws.workspaceId, { roles: ["viewer"], teams: [ws.teamId] }),
    agent: await addTestMember(t, ws.workspaceId, { roles: ["agent"], teams: [ws.teamId] }),
    viewerSupervisor: await addTestMember(t, ws.workspaceId, { roles: ["viewer", "supervisor"], teams: [ws.teamId] }),
  };
});
afterAll(() => t.close());

describe("outbox (no SMTP configured)", () => {
  it("keeps the invitation e-mail, with its working registration link, for admins to read", async () => {
    expect(t.deps.mailer.kind).toBe("outbox");
    const res = await t.api.post(`/api/workspaces/${ws.workspaceId}/invitations`, { invitees: [{ name: "Olga Out", email: "olga@example.com" }], roles: ["agent"], teams: [ws.teamId] }, { token: ws.token });
    expect(res.body.results[0].status).toBe("invited");
    const list = await outbox(ws.token);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.nextBefore).toBeNull();
    const [mail] = list.body.items;
    expect(mail).toMatchObject({ to: "olga@example.com", subject: "You're invited to Support on Switchboard", status: "sent" });
    const link = /\/register\/([A-Za-z0-9_-]{43})/.exec(mail.text);
    expect(link).not.toBeNull();
    expect((await t.api.get(`/api/invitations/${link![1]}`)).body.email).toBe("olga@example.com");
  });

  it("is for admins only", async () => {
    for (const member of Object.values(others)) {
      const res = await outbox(member.token);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
  });
});

describe("outbox pages (issue 10, item 12)", () => {
  const seeded: string[] = [];
  beforeAll(async () => {
    // 60 e-mails straight into the queue, oldest first; every 3rd to a "@partner.example" address.
    for (let i = 0; i < 60; i++) {
      const to = i % 3 === 0 ? `Page${i}@Partner.example` : `page${i}@example.com`;
      const queued = await t.deps.mailer.enqueue([{ to, subject: `Mail ${i}`, text: `Body ${i}`, workspaceId: ws.workspaceId }]);
      await t.deps.mailer.deliver(queued); // into the outbox (no SMTP here)
      seeded.unshift(String(queued[0]!._id));
    }
  });
  const page = async (query: string) => {
    const res = await t.api.get(`/api/workspaces/${ws.workspaceId}/outbox?${query}`, { token: ws.token });
    expect(res.status).toBe(200);
    return res.body as { items: { id: string; to: string }[]; nextBefore: string | null };
  };

  it("pages newest first by a cursor: `before` continues exactly below the previous page, to the end", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const body = await page(`pageSize=25${before ? `&before=${before}` : ""}`);
      seen.push(...body.items.map((m) => m.id));
      before = body.nextBefore;
    } while (before);
    // Everything in the workspace's outbox (the seeded ones and the earlier tests' e-mails), once each, newest first.
    const all = await OutboxMessageModel.find({ workspaceId: ws.workspaceId }, { _id: 1 }).lean();
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
    expect(seen.slice(0, 60)).toEqual(seeded);
  });

  it("finds e-mails by part of the recipient, any case, still paged", async () => {
    const first = await page("q=PARTNER.example&pageSize=15");
    expect(first.items).toHaveLength(15);
    expect(first.items.every((m) => m.to.endsWith("@Partner.example"))).toBe(true);
    const rest = await page(`q=partner.example&pageSize=15&before=${first.nextBefore}`);
    expect(rest.items).toHaveLength(5);
    expect(rest.nextBefore).toBeNull();
    expect((await page("q=.*")).items).toEqual([]); // a pattern is text, not a regular expression
  });

  it("refuses the old skip paging and bad cursors with 400 and the field", async () => {
    for (const [query, path] of [["page=2", "(root)"], ["before=123", "before"], ["pageSize=1000", "pageSize"]] as const) {
      const res = await t.api.get(`/api/workspaces/${ws.workspaceId}/outbox?${query}`, { token: ws.token });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(JSON.stringify(res.body.error.details)).toContain(`"path":"${path}"`);
    }
  });
});

describe("SMTP failure", () => {
  it("reliability: an e-mail SMTP refuses stays queued with a backoff, the invitation stands, and it goes out once when SMTP is back", async () => {
    const delivered: string[] = [];
    t.deps.mailer.transport = { kind: "smtp", deliver: () => Promise.reject(Object.assign(new Error("421 try later"), { responseCode: 421 })), close: () => {} };
    const res = await t.api.post(`/api/workspaces/${ws.workspaceId}/invitations`, { invitees: [{ name: "Nope", email: "nope@example.com" }], roles: ["agent"], teams: [ws.teamId] }, { token: ws.token });
    expect(res.body.results).toEqual([{ row: 0, email: "nope@example.com", status: "invited", invitationId: expect.any(String) }]);
    expect(await InvitationModel.countDocuments({ emailLower: "nope@example.com" })).toBe(1);
    const queued = await OutboxMessageModel.findOne({ to: "nope@example.com" }).lean();
    expect(queued).toMatchObject({ status: "pending", attempts: 1, lastError: "421 try later", invitationId: expect.anything() });

    t.deps.mailer.transport = { kind: "smtp", deliver: async (mail) => void delivered.push(mail.to), close: () => {} };
    await t.deps.mailer.deliverDue();
    expect(delivered).toEqual([]); // not before its backoff
    t.clock.advance(31_000);
    await t.deps.mailer.deliverDue();
    await t.deps.mailer.deliverDue();
    expect(delivered).toEqual(["nope@example.com"]);
    expect(await OutboxMessageModel.findOne({ to: "nope@example.com" }).lean()).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });
});
