import { QUEUE_DEFAULTS, type Queue, type QueueChannel, type QueueCreate, type QueuePatch } from "@switchboard/shared";

/** The queue form's fields as typed: numbers and lists stay text until they are sent. */
export interface QueueDraft {
  name: string;
  channel: QueueChannel;
  teams: string[];
  skills: string;
  languages: string;
  offerTimeoutSeconds: string;
  wrapUpSeconds: string;
  serviceLevelSeconds: string;
  number: string;
}

export const draftOfQueue = (queue: Queue | null): QueueDraft => ({
  name: queue?.name ?? "",
  channel: queue?.channel ?? "chat",
  teams: queue ? [...queue.teams] : [],
  skills: queue?.skills.join(", ") ?? "",
  languages: queue?.languages.join(", ") ?? "",
  offerTimeoutSeconds: String(queue?.offerTimeoutSeconds ?? QUEUE_DEFAULTS.offerTimeoutSeconds),
  wrapUpSeconds: String(queue?.wrapUpSeconds ?? QUEUE_DEFAULTS.wrapUpSeconds),
  serviceLevelSeconds: String(queue?.serviceLevelSeconds ?? QUEUE_DEFAULTS.serviceLevelSeconds),
  number: queue?.number ?? "",
});

/** "English, French ," → ["English", "French"]: labels are typed as a comma-separated line. */
export const labelsOf = (text: string): string[] =>
  text
    .split(",")
    .map((label) => label.trim())
    .filter(Boolean);

/** A number box: "" or junk becomes NaN, so the shared schema reports it on that field. */
const secondsOf = (text: string): number => (text.trim() === "" ? Number.NaN : Number(text));

export function createBodyOf(draft: QueueDraft): QueueCreate {
  return {
    name: draft.name,
    channel: draft.channel,
    teams: draft.teams,
    skills: labelsOf(draft.skills),
    languages: labelsOf(draft.languages),
    offerTimeoutSeconds: secondsOf(draft.offerTimeoutSeconds),
    wrapUpSeconds: secondsOf(draft.wrapUpSeconds),
    serviceLevelSeconds: secondsOf(draft.serviceLevelSeconds),
    ...(draft.channel === "phone" ? { number: draft.number.trim() } : {}),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Only what changed, so two admins editing different fields of one queue do not undo each other. */
export function patchOf(before: Queue, draft: QueueDraft): QueuePatch {
  const after = createBodyOf(draft);
  const patch: QueuePatch = {};
  if (after.name !== before.name) patch.name = after.name;
  if (!sameList(after.teams, before.teams)) patch.teams = after.teams;
  if (!sameList(after.skills, before.skills)) patch.skills = after.skills;
  if (!sameList(after.languages, before.languages)) patch.languages = after.languages;
  if (after.offerTimeoutSeconds !== before.offerTimeoutSeconds) patch.offerTimeoutSeconds = after.offerTimeoutSeconds;
  if (after.wrapUpSeconds !== before.wrapUpSeconds) patch.wrapUpSeconds = after.wrapUpSeconds;
  if (after.serviceLevelSeconds !== before.serviceLevelSeconds) patch.serviceLevelSeconds = after.serviceLevelSeconds;
  if (before.channel === "phone" && after.number !== undefined && after.number !== before.number) patch.number = after.number ?? undefined;
  return patch;
}
