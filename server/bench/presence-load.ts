import { readFileSync } from "node:fs";
import { PROTOCOL_VERSION, type Presence } from "@switchboard/shared";
import { Types } from "mongoose";
import { io, type Socket } from "socket.io-client";
import { hashToken, newOpaqueToken } from "../src/auth/tokens.js";
import { MembershipModel, OrganizationModel, SessionModel, TeamModel, UserModel, WorkspaceModel } from "../src/db/models.js";

export interface BenchMember {
  userId: string;
  token: string;
  team: number;
  /** Watchers only: "all" (viewers, the workspace room) or their one team. */
  scope?: "all" | number;
}

export interface Seeded {
  workspaceId: string;
  docks: BenchMember[];
  watchers: BenchMember[];
}

/** Agents spread over teams; watchers are viewers (whole workspace) and supervisors (one team each). */
export async function seedPresenceBench(docks: number, viewers: number, supervisors: number, teams: number): Promise<Seeded> {
  const organization = await OrganizationModel.create({ name: "Bench" });
  const workspace = await WorkspaceModel.create({ organizationId: organization._id, name: "Bench" });
  const teamDocs = await TeamModel.insertMany(Array.from({ length: teams }, (_, i) => ({ workspaceId: workspace._id, name: `Team ${i}`, nameLower: `team ${i}` })));
  const specs = [
    ...Array.from({ length: docks }, (_, i) => ({ role: "agent", team: i % teams })),
    ...Array.from({ length: viewers }, () => ({ role: "viewer", team: 0, scope: "all" as const })),
    ...Array.from({ length: supervisors }, (_, i) => ({ role: "supervisor", team: i % teams, scope: i % teams })),
  ] as Array<{ role: string; team: number; scope?: "all" | number }>;
  const members: BenchMember[] = [];
  const users = [];
  const memberships = [];
  const sessions = [];
  const expiresAt = new Date(Date.now() + 86_400_000);
  for (const [i, spec] of specs.entries()) {
    const userId = new Types.ObjectId();
    const email = `bench${i}@example.com`;
    const token = newOpaqueToken();
    users.push({ _id: userId, organizationId: organization._id, email, emailLower: email, firstName: "Bench", lastName: String(i), passwordHash: "!bench" });
    memberships.push({ workspaceId: workspace._id, userId, roles: [spec.role], teams: [teamDocs[spec.team]!._id], name: `Bench ${i}`, nameLower: `bench ${i}`, emailLower: email });
    sessions.push({ _id: hashToken(token), userId, createdAt: new Date(), expiresAt });
    members.push({ userId: String(userId), token, team: spec.team, ...(spec.scope === undefined ? {} : { scope: spec.scope }) });
  }
  for (let start = 0; start < specs.length; start += 1_000) {
    await UserModel.insertMany(users.slice(start, start + 1_000));
    await MembershipModel.insertMany(memberships.slice(start, start + 1_000));
    await SessionModel.insertMany(sessions.slice(start, start + 1_000));
  }
  return { workspaceId: String(workspace._id), docks: members.slice(0, docks), watchers: members.slice(docks) };
}

/** Resident set size of a process, from /proc (bytes). */
export const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

/** Websocket transport only, as the brief requires: no long-polling in the numbers. */
export function openSocket(url: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(url, { auth: { protocolVersion: PROTOCOL_VERSION, ...auth }, transports: ["websocket"], reconnection: false, forceNew: true, timeout: 20_000 });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

export async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(...(await Promise.all(items.slice(start, start + size).map((item, i) => run(item, start + i)))));
  }
  return out;
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type { Presence };

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** Asks a server child for its event-loop delay since the last ask (server/test/loop-delay-probe.ts). */
export function loopDelayOf(child: { process: import("node:child_process").ChildProcess }): Promise<LoopDelay> {
  return new Promise((resolve) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LOOPDELAY (\{.*\})/.exec(out);
      if (!match) return;
      child.process.stdout!.off("data", onData);
      resolve(JSON.parse(match[1]!) as LoopDelay);
    };
    child.process.stdout!.on("data", onData);
    child.process.kill("SIGUSR2");
  });
}
