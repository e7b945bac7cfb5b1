import { PROTOCOL_VERSION, type RefusalData } from "@switchboard/shared";
import { io, type Socket } from "socket.io-client";
import { createSession } from "../src/auth/sessions.service.js";
import { systemClock } from "../src/clock.js";
import { MembershipModel } from "../src/members/membership.model.js";
import { TeamModel } from "../src/teams/team.model.js";
import { UserModel } from "../src/users/user.model.js";
import { WorkspaceModel } from "../src/workspaces/workspace.model.js";
import type { Role } from "@switchboard/shared";

let counter = 0;

export async function addTeam(workspaceId: string, name: string): Promise<string> {
  const team = await TeamModel.create({ workspaceId, name, nameLower: name.toLowerCase() });
  return String(team._id);
}

/** A member straight in the database, with a session token: realtime tests need many of them fast. */
export async function addMember(workspaceId: string, input: { name: string; roles: Role[]; teams: string[] }) {
  const workspace = await WorkspaceModel.findById(workspaceId).lean();
  const email = `member${++counter}-${Date.now()}@example.com`;
  const [firstName = "", lastName = "Member"] = input.name.split(" ");
  const user = await UserModel.create({ organizationId: workspace!.organizationId, email, emailLower: email, firstName, lastName, passwordHash: "not-used" });
  await MembershipModel.create({
    workspaceId,
    userId: user._id,
    roles: input.roles,
    teams: input.teams,
    name: input.name,
    nameLower: input.name.toLowerCase(),
    emailLower: email,
  });
  const token = await createSession(user._id, systemClock, 1);
  return { userId: String(user._id), token, name: input.name };
}

export type ClientSocket = Socket;

export interface ConnectOptions {
  token?: string;
  workspaceId: string;
  protocolVersion?: number;
  deviceId?: string;
  extraHeaders?: Record<string, string>;
}

/**
 * Opens a websocket-only client; resolves once connected, rejects with the refusal otherwise.
 * `beforeConnect` attaches listeners first: the server's first events may share a TCP read with
 * the connect packet and be dispatched before an awaiting caller resumes.
 */
export function connect(
  url: string,
  namespace: "/dock" | "/console" | "/visitor",
  options: ConnectOptions,
  beforeConnect: (socket: ClientSocket) => void = () => {},
): Promise<ClientSocket> {
  const { extraHeaders, protocolVersion = PROTOCOL_VERSION, ...auth } = options;
  const socket = io(url + namespace, {
    auth: { ...auth, protocolVersion },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders,
  });
  beforeConnect(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err as Error & { data?: RefusalData });
    });
  });
}

/** The refusal a handshake ends with. */
export async function refusalOf(promise: Promise<ClientSocket>): Promise<{ message: string; data?: RefusalData }> {
  try {
    (await promise).close();
  } catch (err) {
    const { message, data } = err as Error & { data?: RefusalData };
    return { message, data };
  }
  throw new Error("the connection was accepted");
}

/** Every payload of `event` from now on. */
export function record<T = any>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** The next payload of `event` matching `predicate`. */
export function nextEvent<T = any>(socket: ClientSocket, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Sends a request and returns its ack. */
export function request<T = any>(socket: ClientSocket, event: string, body: unknown): Promise<T> {
  return socket.timeout(5_000).emitWithAck(event, body) as Promise<T>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when the socket is disconnected (by the server), with the time it took. */
export function disconnection(socket: ClientSocket, timeoutMs = 5_000): Promise<string> {
  if (socket.disconnected) return Promise.resolve("already");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
