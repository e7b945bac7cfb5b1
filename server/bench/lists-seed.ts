/**
 * Seeds one workspace with ROWS rows in every listed collection (members, pending invitations,
 * outbox e-mails, audit events, contacts, interactions) and a realistic number of queues, for
 * lists.bench.ts. Inserted in batches of 1,000 straight through the models.
 */
import { AuditAction } from "@switchboard/shared";
import { Types } from "mongoose";
import {
  AuditEventModel,
  ContactModel,
  InvitationModel,
  MembershipModel,
  OrganizationModel,
  OutboxMessageModel,
  TeamModel,
  UserModel,
  WorkspaceModel,
} from "../src/db/models.js";
import { openPendingKey } from "../src/invitations/invitation.model.js";
import type { LinkCipher } from "../src/invitations/link-cipher.js";
import { InteractionModel } from "../src/routing/interaction.model.js";
import { QueueModel } from "../src/routing/queue.model.js";

const FIRST = ["ana", "ben", "chloe", "dev", "emma", "farid", "greta", "hugo", "ines", "jon", "kai", "lena", "milo", "nora", "omar", "pia"];
const LAST = ["smith", "garcia", "müller", "rossi", "dubois", "kowalski", "silva", "nguyen", "haddad", "okafor", "tanaka", "olsen"];
const ROLES = [["agent"], ["agent"], ["agent"], ["agent"], ["supervisor"], ["viewer"], ["agent", "viewer"], ["manager"]] as const;
const AUDIT_ACTIONS = Object.values(AuditAction);
const BATCH = 1_000;

export const QUEUES = 200;

const person = (i: number) => {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  return { first, last, name: `${first} ${last} ${i}`, email: `${first}.${last}.${i}@example.com`, phone: `+1415${String(i).padStart(7, "0")}` };
};

async function inBatches(rows: number, insert: (from: number, to: number) => Promise<unknown>): Promise<void> {
  for (let from = 0; from < rows; from += BATCH) await insert(from, Math.min(from + BATCH, rows));
}

export interface SeededLists {
  workspaceId: string;
  adminId: Types.ObjectId;
  teamId: string;
  queueId: string;
  agentId: string;
}

export async function seedLists(rows: number, cipher: LinkCipher): Promise<SeededLists> {
  const organization = await OrganizationModel.create({ name: "Bench" });
  const workspace = await WorkspaceModel.create({ organizationId: organization._id, name: "Bench" });
  const workspaceId = workspace._id;
  const teams = await TeamModel.insertMany(Array.from({ length: 20 }, (_, i) => ({ workspaceId, name: `Team ${i}`, nameLower: `team ${i}` })));
  const teamOf = (i: number) => teams[i % teams.length]!._id;
  const userIds: Types.ObjectId[] = Array.from({ length: rows }, () => new Types.ObjectId());
  const now = Date.now();

  await inBatches(rows, async (from, to) => {
    const users = [];
    const memberships = [];
    for (let i = from; i < to; i++) {
      const p = person(i);
      users.push({ _id: userIds[i], organizationId: organization._id, email: p.email, emailLower: p.email, firstName: p.first, lastName: `${p.last} ${i}`, passwordHash: "!bench", phone: p.phone });
      memberships.push({
        workspaceId,
        userId: userIds[i],
        roles: i === 0 ? ["admin"] : ROLES[i % ROLES.length],
        teams: [teamOf(i)],
        name: p.name,
        nameLower: p.name.toLowerCase(),
        emailLower: p.email,
        phone: p.phone,
        status: i % 50 === 49 ? "revoked" : "active",
        // Half the members have used the dock or console at some point in the last 30 days.
        lastActiveAt: i % 2 === 0 ? new Date(now - ((i * 7919) % (30 * 86_400)) * 1_000) : null,
      });
    }
    await UserModel.insertMany(users, { ordered: false });
    await MembershipModel.insertMany(memberships, { ordered: false });
  });

  const queues = await QueueModel.insertMany(
    Array.from({ length: QUEUES }, (_, i) => ({
      workspaceId,
      name: `Queue ${i}`,
      channel: i % 2 ? "phone" : "chat",
      teams: [teamOf(i)],
      offerTimeoutSeconds: 20,
      wrapUpSeconds: 30,
      serviceLevelSeconds: 20,
      numberKey: `bench:${String(workspaceId)}:${i}`,
    })),
  );

  await inBatches(rows, (from, to) => {
    const docs = [];
    for (let i = from; i < to; i++) {
      const p = person(rows + i);
      const token = new Types.ObjectId().toHexString() + "-".repeat(19);
      const at = new Date(now - (rows - i) * 10_000);
      docs.push({
        workspaceId,
        email: p.email,
        emailLower: p.email,
        name: p.name,
        roles: ["agent"],
        teams: [teamOf(i)],
        tokenHash: `bench:${i}`,
        tokenSealed: cipher.encrypt(token),
        invitedBy: userIds[0],
        createdAt: at,
        sentAt: at,
        expiresAt: new Date(now + 7 * 86_400_000),
        status: "pending",
        pendingKey: openPendingKey(workspaceId, p.email),
      });
    }
    return InvitationModel.insertMany(docs, { ordered: false });
  });

  const text = "Hello,\n\nAda Admin invited you to join Bench on Switchboard as agent.\n\nOpen this link to register.";
  await inBatches(rows, (from, to) => {
    const docs = [];
    for (let i = from; i < to; i++) {
      const at = new Date(now - (rows - i) * 1_000);
      docs.push({ _id: Types.ObjectId.createFromTime(Math.floor(at.getTime() / 1000)), workspaceId, dedupeKey: `bench:${i}`, to: `person${i}@example.com`, subject: "You're invited", text, createdAt: at, status: "sent", attempts: 1, nextAttemptAt: at, sentAt: at });
    }
    return OutboxMessageModel.insertMany(docs, { ordered: false });
  });

  await inBatches(rows, (from, to) => {
    const docs = [];
    for (let i = from; i < to; i++) {
      const target = person(i % rows);
      docs.push({
        workspaceId,
        actorId: userIds[i % 10],
        actorName: person(i % 10).name,
        action: AUDIT_ACTIONS[i % AUDIT_ACTIONS.length],
        target: { type: "member", id: String(userIds[(i * 31) % rows]), label: target.name },
        before: { roles: ["agent"] },
        after: { roles: ["supervisor"] },
        at: new Date(now - (rows - i) * 60_000),
      });
    }
    return AuditEventModel.insertMany(docs, { ordered: false });
  });

  await inBatches(rows, (from, to) => {
    const docs = [];
    for (let i = from; i < to; i++) {
      const p = person(2 * rows + i);
      docs.push({ workspaceId, name: p.name, nameLower: p.name.toLowerCase(), phone: p.phone, email: p.email, assigneeId: userIds[i % rows], teamId: teamOf(i) });
    }
    return ContactModel.insertMany(docs, { ordered: false });
  });

  await inBatches(rows, (from, to) => {
    const docs = [];
    for (let i = from; i < to; i++) {
      const queue = queues[i % QUEUES]!;
      const at = new Date(now - (rows - i) * 30_000);
      docs.push({
        workspaceId,
        queueId: queue._id,
        queueName: queue.name,
        queueTeams: queue.teams,
        kind: queue.channel === "phone" ? "call" : "chat",
        state: i % 20 === 0 ? "abandoned" : "closed",
        agentId: userIds[i % 500],
        agentName: person(i % 500).name,
        contact: { name: person(i).name, phone: person(i).phone, email: null },
        queuedAt: at,
        enqueuedAt: at,
        answeredAt: at,
        endedAt: at,
        closedAt: at,
        closedBy: "agent",
      });
    }
    return InteractionModel.insertMany(docs, { ordered: false });
  });

  return { workspaceId: String(workspaceId), adminId: userIds[0]!, teamId: String(teamOf(3)), queueId: String(queues[7]!._id), agentId: String(userIds[42]) };
}
