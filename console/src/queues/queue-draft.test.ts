import { queueCreateSchema, type Queue } from "@switchboard/shared";
import { describe, expect, it } from "vitest";
import { createBodyOf, draftOfQueue, labelsOf, patchOf } from "./queue-draft";

const T1 = "1".repeat(24);
const T2 = "2".repeat(24);
const queue: Queue = {
  id: "a".repeat(24),
  workspaceId: "b".repeat(24),
  name: "Support",
  channel: "chat",
  teams: [T1],
  skills: ["billing"],
  languages: ["English"],
  offerTimeoutSeconds: 20,
  wrapUpSeconds: 30,
  serviceLevelSeconds: 20,
  number: null,
  widgetPath: "/chat/x/y",
  canManage: true,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("queue form draft", () => {
  it("labels are a comma-separated line", () => {
    expect(labelsOf(" English, French ,, ")).toEqual(["English", "French"]);
  });

  it("a new queue's defaults pass the shared schema once a team is picked", () => {
    const body = createBodyOf({ ...draftOfQueue(null), name: "Sales", teams: [T1] });
    expect(queueCreateSchema.safeParse(body).success).toBe(true);
    expect(body).not.toHaveProperty("number");
  });

  it("an empty or non-numeric seconds box is reported by the schema on its field", () => {
    const body = createBodyOf({ ...draftOfQueue(null), name: "Sales", teams: [T1], wrapUpSeconds: "" });
    const result = queueCreateSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["wrapUpSeconds"]);
  });

  it("the patch carries only the fields that changed", () => {
    const draft = { ...draftOfQueue(queue), wrapUpSeconds: "5", teams: [T1, T2] };
    expect(patchOf(queue, draft)).toEqual({ wrapUpSeconds: 5, teams: [T1, T2] });
    expect(patchOf(queue, draftOfQueue(queue))).toEqual({});
  });

  it("a phone queue sends its number; a chat queue never does", () => {
    const phone = { ...queue, channel: "phone" as const, number: "4155550100", widgetPath: null };
    expect(patchOf(phone, { ...draftOfQueue(phone), number: "4155550199" })).toEqual({ number: "4155550199" });
    expect(createBodyOf({ ...draftOfQueue(null), channel: "phone", number: " 4155550100 " }).number).toBe("4155550100");
  });
});
