import { z } from "zod";
import { listOf, objectIdSchema } from "../members/common.schema.js";

/** A queue serves one channel; an agent's `channel` setting says which queues may offer to them (DESIGN.md §10). */
export const QueueChannel = Object.freeze({ phone: "phone", chat: "chat" } as const);
export type QueueChannel = (typeof QueueChannel)[keyof typeof QueueChannel];
export const queueChannelSchema = z.enum(QueueChannel);

const labelListSchema = z.array(z.string().trim().min(1).max(60)).max(20);
/** What callers dial (section 14); digits only so Kamailio's request URI matches it as is. */
export const queueNumberSchema = z.string().trim().regex(/^[0-9]{2,20}$/, "Must be 2-20 digits");

export const QUEUE_DEFAULTS = Object.freeze({ offerTimeoutSeconds: 20, wrapUpSeconds: 30, serviceLevelSeconds: 20 });

const queueFieldsShape = {
  name: z.string().trim().min(1, "Required").max(80),
  /** The agents who serve it: members of any of these teams. */
  teams: z.array(objectIdSchema).min(1, "A queue serves at least one team").max(50),
  /** Required skills: an agent needs every one. */
  skills: labelListSchema,
  /** Required languages: an agent needs at least one. */
  languages: labelListSchema,
  offerTimeoutSeconds: z.number().int().min(5).max(120),
  wrapUpSeconds: z.number().int().min(0).max(600),
  serviceLevelSeconds: z.number().int().min(5).max(600),
};

const numberOnlyForPhone = (queue: { channel: QueueChannel; number?: string | null }) =>
  queue.channel === "phone" ? typeof queue.number === "string" : queue.number === undefined || queue.number === null;
const numberIssue = { message: "A phone queue needs a number; a chat queue has none", path: ["number"] };

export const queueCreateSchema = z
  .strictObject({
    ...queueFieldsShape,
    channel: queueChannelSchema,
    skills: queueFieldsShape.skills.default([]),
    languages: queueFieldsShape.languages.default([]),
    offerTimeoutSeconds: queueFieldsShape.offerTimeoutSeconds.default(QUEUE_DEFAULTS.offerTimeoutSeconds),
    wrapUpSeconds: queueFieldsShape.wrapUpSeconds.default(QUEUE_DEFAULTS.wrapUpSeconds),
    serviceLevelSeconds: queueFieldsShape.serviceLevelSeconds.default(QUEUE_DEFAULTS.serviceLevelSeconds),
    number: queueNumberSchema.nullable().optional(),
  })
  .refine(numberOnlyForPhone, numberIssue);
export type QueueCreate = z.infer<typeof queueCreateSchema>;

/**
 * Send only what changes. The channel is fixed at creation: interactions already queued were
 * routed by it (make a new queue instead). `number` is checked against the stored channel.
 */
export const queuePatchSchema = z.strictObject({
  name: queueFieldsShape.name.optional(),
  teams: queueFieldsShape.teams.optional(),
  skills: queueFieldsShape.skills.optional(),
  languages: queueFieldsShape.languages.optional(),
  offerTimeoutSeconds: queueFieldsShape.offerTimeoutSeconds.optional(),
  wrapUpSeconds: queueFieldsShape.wrapUpSeconds.optional(),
  serviceLevelSeconds: queueFieldsShape.serviceLevelSeconds.optional(),
  number: queueNumberSchema.optional(),
});
export type QueuePatch = z.infer<typeof queuePatchSchema>;

export const queueSchema = z.object({
  id: objectIdSchema,
  workspaceId: objectIdSchema,
  name: z.string(),
  channel: queueChannelSchema,
  teams: z.array(objectIdSchema),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  offerTimeoutSeconds: z.number().int(),
  wrapUpSeconds: z.number().int(),
  serviceLevelSeconds: z.number().int(),
  number: z.string().nullable(),
  /** Chat queues: the widget page path (`/chat/:workspaceId/:queueId`), relative to the server's origin. */
  widgetPath: z.string().nullable(),
  /** Whether the caller may edit or delete it (all its teams are theirs, or they are an admin). */
  canManage: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Queue = z.infer<typeof queueSchema>;
export const queueListSchema = listOf(queueSchema);
export type QueueList = z.infer<typeof queueListSchema>;

/** The live board (GET …/queues/stats and `queue:stats`). Agents are counted among the queue's eligible teams. */
export const queueStatsItemSchema = z.object({
  queueId: objectIdSchema,
  waiting: z.number().int().min(0),
  longestWaitSeconds: z.number().int().min(0),
  available: z.number().int().min(0),
  busy: z.number().int().min(0),
  wrapUp: z.number().int().min(0),
  away: z.number().int().min(0),
});
export type QueueStatsItem = z.infer<typeof queueStatsItemSchema>;
export const queueStatsSchema = z.object({ items: z.array(queueStatsItemSchema) });
export type QueueStats = z.infer<typeof queueStatsSchema>;

export const chatWidgetPath = (workspaceId: string, queueId: string) => `/chat/${workspaceId}/${queueId}`;
