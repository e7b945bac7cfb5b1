import { canViewQueue, chatWidgetPath, checkManageQueue, type Actor, type Queue, type QueueCreate, type QueuePatch } from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { recordChangeBy } from "../audit/audit.service.js";
import { AppError, forbidden, notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { assertTeamsExist } from "../members/workspace-teams.js";
import { trusted } from "mongoose";
import { InteractionModel } from "./interaction.model.js";
import { numberKeyOf, QueueModel, type QueueDoc } from "./queue.model.js";

export function toQueueView(queue: QueueDoc, actor: Actor): Queue {
  const teams = queue.teams.map(String);
  return {
    id: String(queue._id),
    workspaceId: String(queue.workspaceId),
    name: queue.name,
    channel: queue.channel,
    teams,
    skills: queue.skills,
    languages: queue.languages,
    offerTimeoutSeconds: queue.offerTimeoutSeconds,
    wrapUpSeconds: queue.wrapUpSeconds,
    serviceLevelSeconds: queue.serviceLevelSeconds,
    number: queue.number ?? null,
    widgetPath: queue.channel === "chat" ? chatWidgetPath(String(queue.workspaceId), String(queue._id)) : null,
    canManage: checkManageQueue(actor, teams) === null,
    createdAt: queue.createdAt.toISOString(),
    updatedAt: queue.updatedAt.toISOString(),
  };
}

async function assertNumberFree(number: string, exceptId?: string) {
  const clash = await QueueModel.findOne({ numberKey: numberKeyOf(number) }, { _id: 1 }).lean();
  if (clash && String(clash._id) !== exceptId) throw new AppError("CONFLICT", `The number ${number} already belongs to a queue.`, { path: "number" });
}

async function loadQueue(workspaceId: string, queueId: string) {
  const queue = await QueueModel.findOne({ _id: queueId, workspaceId }).lean<QueueDoc>();
  if (!queue) throw notFound("Queue");
  return queue;
}

const audit = (deps: AppDeps, actor: MemberContext, action: string, queue: { id: string; name: string }, before: unknown, after: unknown) =>
  recordChangeBy(actor, deps.clock.now(), { action, target: { type: "queue", id: queue.id, label: queue.name }, before, after });

/** Admins and viewers list every queue; managers and supervisors those serving one of their teams. */
export async function listQueues(actor: MemberContext) {
  const queues = await QueueModel.find({ workspaceId: actor.workspaceId }).sort({ name: 1 }).lean<QueueDoc[]>();
  const items = queues.filter((q) => canViewQueue(actor, q.teams.map(String))).map((q) => toQueueView(q, actor));
  return { items, total: items.length };
}

export async function getQueue(actor: MemberContext, queueId: string) {
  const queue = await loadQueue(actor.workspaceId, queueId);
  if (!canViewQueue(actor, queue.teams.map(String))) throw notFound("Queue");
  return toQueueView(queue, actor);
}

export async function createQueue(deps: AppDeps, actor: MemberContext, body: QueueCreate) {
  const refused = checkManageQueue(actor, body.teams);
  if (refused) throw forbidden(refused.message);
  await assertTeamsExist(actor.workspaceId, body.teams);
  if (body.number) await assertNumberFree(body.number);
  const created = await QueueModel.create({ ...body, number: body.number ?? null, numberKey: numberKeyOf(body.number), workspaceId: actor.workspaceId });
  const view = toQueueView(created.toObject() as QueueDoc, actor);
  await audit(deps, actor, "queue.created", view, null, body);
  deps.events.emit("queue.changed", { workspaceId: actor.workspaceId, queueId: view.id });
  return view;
}

export async function updateQueue(deps: AppDeps, actor: MemberContext, queueId: string, patch: QueuePatch) {
  const queue = await loadQueue(actor.workspaceId, queueId);
  // Both the queue as it is and as it would be must be within the actor's teams.
  const refused = checkManageQueue(actor, queue.teams.map(String)) ?? (patch.teams ? checkManageQueue(actor, patch.teams) : null);
  if (refused) throw forbidden(refused.message);
  if (patch.teams) await assertTeamsExist(actor.workspaceId, patch.teams);
  if (patch.number !== undefined) {
    if (queue.channel !== "phone") {
      throw new AppError("VALIDATION_FAILED", "number: A chat queue has no number", { issues: [{ path: "number", message: "A chat queue has no number" }] });
    }
    await assertNumberFree(patch.number, queueId);
  }
  const set = { ...patch, ...(patch.number === undefined ? {} : { numberKey: numberKeyOf(patch.number) }) };
  const updated = await QueueModel.findOneAndUpdate({ _id: queueId, workspaceId: actor.workspaceId }, { $set: set }, { new: true }).lean<QueueDoc>();
  if (!updated) throw notFound("Queue");
  const view = toQueueView(updated, actor);
  await audit(deps, actor, "queue.updated", view, { name: queue.name, teams: queue.teams.map(String) }, patch);
  deps.events.emit("queue.changed", { workspaceId: actor.workspaceId, queueId });
  return view;
}

export async function deleteQueue(deps: AppDeps, actor: MemberContext, queueId: string) {
  const queue = await loadQueue(actor.workspaceId, queueId);
  const refused = checkManageQueue(actor, queue.teams.map(String));
  if (refused) throw forbidden(refused.message);
  // Customers waiting or talking in it would be stranded: close or move them first.
  const open = await InteractionModel.countDocuments({ queueId, state: trusted({ $in: ["queued", "offered", "connected"] }) });
  if (open > 0) throw new AppError("CONFLICT", `${open} interaction(s) are still open in this queue.`);
  await QueueModel.deleteOne({ _id: queueId, workspaceId: actor.workspaceId });
  await audit(deps, actor, "queue.deleted", { id: queueId, name: queue.name }, { name: queue.name }, null);
  deps.events.emit("queue.changed", { workspaceId: actor.workspaceId, queueId });
}
