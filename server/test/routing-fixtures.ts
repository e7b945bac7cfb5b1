import { PROTOCOL_VERSION, type Role, type SettingsOverrides } from "@switchboard/shared";
import { io } from "socket.io-client";
import { MembershipModel } from "../src/members/membership.model.js";
import { UserModel } from "../src/users/user.model.js";
import { addMember, connect, nextEvent, request, type ClientSocket } from "./realtime-fixtures.js";
import type { TestServer } from "./test-server.js";

export interface TestAgent {
  userId: string;
  token: string;
  name: string;
  dock: ClientSocket;
}

/** An agent with their own settings and skills, signed in with a dock and available. */
export async function addAgent(
  t: Pick<TestServer, "url" | "deps">,
  workspaceId: string,
  input: { name: string; teams: string[]; roles?: Role[]; settings?: SettingsOverrides; skills?: string[]; languages?: string[]; restrictions?: Record<string, unknown>; available?: boolean },
): Promise<TestAgent> {
  const member = await addMember(workspaceId, { name: input.name, roles: input.roles ?? ["agent"], teams: input.teams });
  await MembershipModel.updateOne(
    { workspaceId, userId: member.userId },
    { $set: { settingsOverrides: input.settings ?? {}, overrideDockSettings: true, restrictions: input.restrictions ?? {} } },
  );
  if (input.skills || input.languages) await UserModel.updateOne({ _id: member.userId }, { $set: { skills: input.skills ?? [], languages: input.languages ?? [] } });
  t.deps.events.emit("membership.changed", { workspaceId, userId: member.userId });
  const dock = await connect(t.url, "/dock", { token: member.token, workspaceId });
  if (input.available !== false) await setStatus(dock, "available");
  return { ...member, dock };
}

export async function setStatus(dock: ClientSocket, status: "available" | "away") {
  const ack = await request(dock, "presence:set", status === "away" ? { status, awayReason: "Break" } : { status });
  if (!ack.ok) throw new Error(`presence:set failed: ${JSON.stringify(ack)}`);
  return ack.data;
}

export interface TestVisitor {
  socket: ClientSocket;
  start(text: string, extra?: { name?: string; email?: string }): Promise<{ interactionId: string; visitorToken: string; position: number }>;
}

export async function visitorOf(url: string, workspaceId: string, queueId: string, visitorToken?: string): Promise<TestVisitor> {
  const socket = await connectVisitor(url, { workspaceId, queueId, ...(visitorToken ? { visitorToken } : {}) });
  return {
    socket,
    async start(text, extra = {}) {
      const ack = await request(socket, "chat:start", { text, ...extra });
      if (!ack.ok) throw new Error(`chat:start failed: ${JSON.stringify(ack)}`);
      return ack.data;
    },
  };
}

export function connectVisitor(url: string, auth: Record<string, unknown>): Promise<ClientSocket> {
  const socket = io(url + "/visitor", { auth: { protocolVersion: PROTOCOL_VERSION, ...auth }, transports: ["websocket"], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves with the next offer to this dock. */
export const nextOffer = (dock: ClientSocket, timeoutMs = 5_000) => nextEvent(dock, "offer:new", () => true, timeoutMs);

/** Rejects if an offer arrives within `ms`. */
export async function noOfferWithin(dock: ClientSocket, ms: number) {
  const offer = await nextEvent(dock, "offer:new", () => true, ms).catch(() => null);
  if (offer) throw new Error(`unexpected offer ${JSON.stringify(offer)}`);
}

export const createQueue = async (t: TestServer, token: string, workspaceId: string, body: Record<string, unknown>) => {
  const res = await t.api.post(`/api/workspaces/${workspaceId}/queues`, body, { token });
  if (res.status !== 201) throw new Error(`queue create failed: ${res.status} ${res.text}`);
  return res.body as { id: string };
};
