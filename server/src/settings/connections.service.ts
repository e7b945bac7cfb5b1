import { AuditAction, type ChannelBody, type ChannelInfo, type Integration, type IntegrationBody } from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { recordAudit } from "../audit/audit.service.js";
import { AppError } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { ConnectionModel, type ConnectionDoc } from "./connection.model.js";

type Stored = ConnectionDoc & { _id: unknown; createdAt: Date };

const toIntegration = (doc: Stored): Integration => ({
  id: String(doc._id),
  provider: doc.provider,
  name: doc.name,
  configKeys: Object.keys((doc.config ?? {}) as object),
  createdAt: doc.createdAt.toISOString(),
});

const toChannel = (doc: Stored): ChannelInfo => ({
  id: String(doc._id),
  type: doc.provider as ChannelInfo["type"],
  name: doc.name,
  createdAt: doc.createdAt.toISOString(),
});

async function connect(deps: AppDeps, actor: MemberContext, input: { kind: "integration" | "channel"; provider: string; name: string; config: object }) {
  const existing = await ConnectionModel.exists({ workspaceId: actor.workspaceId, kind: input.kind, nameLower: input.name.toLowerCase() });
  if (existing) throw new AppError("CONFLICT", `A ${input.kind} named "${input.name}" already exists.`, { path: "name" });
  const doc = await ConnectionModel.create({
    workspaceId: actor.workspaceId,
    kind: input.kind,
    provider: input.provider,
    name: input.name,
    nameLower: input.name.toLowerCase(),
    config: input.config,
    createdBy: actor.userId,
  });
  await recordAudit({
    workspaceId: actor.workspaceId,
    actor: { id: actor.userId, name: actor.name },
    action: input.kind === "integration" ? AuditAction.integrationConnected : AuditAction.channelConnected,
    target: { type: input.kind, id: String(doc._id), label: input.name },
    after: { provider: input.provider, name: input.name, configKeys: Object.keys(input.config) },
    at: deps.clock.now(),
  });
  return doc.toObject() as Stored;
}

const listOf = async (workspaceId: string, kind: "integration" | "channel") =>
  (await ConnectionModel.find({ workspaceId, kind }).sort({ nameLower: 1 }).lean()) as Stored[];

export async function listIntegrations(workspaceId: string) {
  const items = (await listOf(workspaceId, "integration")).map(toIntegration);
  return { items, total: items.length };
}

export async function connectIntegration(deps: AppDeps, actor: MemberContext, body: IntegrationBody): Promise<Integration> {
  return toIntegration(await connect(deps, actor, { kind: "integration", provider: body.provider, name: body.name, config: body.config }));
}

export async function listChannels(workspaceId: string) {
  const items = (await listOf(workspaceId, "channel")).map(toChannel);
  return { items, total: items.length };
}

export async function connectChannel(deps: AppDeps, actor: MemberContext, body: ChannelBody): Promise<ChannelInfo> {
  return toChannel(await connect(deps, actor, { kind: "channel", provider: body.type, name: body.name, config: {} }));
}
