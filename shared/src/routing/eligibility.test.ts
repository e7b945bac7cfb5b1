import { describe, expect, it } from "vitest";
import { chooseAgent, ineligibilityOf, type AgentFacts, type RoutingTarget } from "./eligibility.js";

const NOW = 1_000_000;
const TEAM = "t1";
const agent = (over: Partial<AgentFacts> = {}): AgentFacts => ({
  userId: "ana",
  active: true,
  teams: [TEAM],
  mayReceiveOffers: true,
  status: "available",
  wrapUpUntil: null,
  channel: "all",
  simultaneousChannelHandling: false,
  chatsPerUser: 3,
  skills: ["billing", "VIP"],
  languages: ["en", "pt"],
  load: { calls: 0, chats: 0 },
  idleSince: NOW - 60_000,
  ...over,
});
const chat: RoutingTarget = { kind: "chat", teams: [TEAM], skills: [], languages: [] };
const call: RoutingTarget = { ...chat, kind: "call" };

/** DESIGN.md §10 "Eligible", one row per rule: what the agent looks like, what is routed, the verdict. */
const TABLE: Array<[string, Partial<AgentFacts>, RoutingTarget, ReturnType<typeof ineligibilityOf>]> = [
  ["an available agent of the queue's team gets a chat", {}, chat, null],
  ["a revoked member gets nothing", { active: false }, chat, "inactive"],
  ["a member of another team gets nothing", { teams: ["t2"] }, chat, "team"],
  ["a member of one of several queue teams is in", { teams: ["t2"] }, { ...chat, teams: ["t1", "t2"] }, null],
  ["someone who may not use the dock (viewer) gets nothing", { mayReceiveOffers: false }, chat, "permission"],
  ["away gets nothing", { status: "away" }, chat, "status"],
  ["offline gets nothing", { status: "offline" }, chat, "status"],
  ["wrap-up blocks offers", { wrapUpUntil: NOW + 1 }, chat, "wrapUp"],
  ["a wrap-up that ended no longer blocks", { wrapUpUntil: NOW }, chat, null],
  ["channel phone gets no chat", { channel: "phone" }, chat, "channel"],
  ["channel chat gets no call", { channel: "chat" }, call, "channel"],
  ["channel phone gets a call", { channel: "phone" }, call, null],
  ["a chat needs fewer chats than chatsPerUser", { load: { calls: 0, chats: 3 } }, chat, "capacity"],
  ["a chat under the limit is fine", { load: { calls: 0, chats: 2 } }, chat, null],
  ["a call needs no call in progress", { load: { calls: 1, chats: 0 }, simultaneousChannelHandling: true }, call, "capacity"],
  ["simultaneous off: no chat during a call", { load: { calls: 1, chats: 0 } }, chat, "capacity"],
  ["simultaneous off: no call while a chat is open", { load: { calls: 0, chats: 1 } }, call, "capacity"],
  ["simultaneous on: a chat during a call", { load: { calls: 1, chats: 0 }, simultaneousChannelHandling: true }, chat, null],
  ["simultaneous on: a call during a chat", { load: { calls: 0, chats: 2 }, simultaneousChannelHandling: true }, call, null],
  ["every required skill, any case", {}, { ...chat, skills: ["Billing", "vip"] }, null],
  ["a missing skill excludes", {}, { ...chat, skills: ["billing", "tax"] }, "skills"],
  ["one required language is enough", {}, { ...chat, languages: ["fr", "PT"] }, null],
  ["no required language held excludes", {}, { ...chat, languages: ["fr", "de"] }, "languages"],
];

describe("eligibility (DESIGN.md §10)", () => {
  for (const [name, over, target, expected] of TABLE) {
    it(name, () => {
      expect(ineligibilityOf(agent(over), target, NOW)).toBe(expected);
    });
  }
});

describe("choice: longest idle, nobody twice before everyone was tried", () => {
  const ana = agent({ userId: "ana", idleSince: NOW - 10_000 });
  const bob = agent({ userId: "bob", idleSince: NOW - 50_000 });
  const cy = agent({ userId: "cy", idleSince: NOW - 90_000, status: "away" });
  const dee = agent({ userId: "dee", idleSince: NOW - 50_000 });

  it("offers the eligible agent idle longest", () => {
    expect(chooseAgent([ana, bob, cy], chat, new Set(), NOW)?.userId).toBe("bob");
  });
  it("breaks a tie by user id so every node picks alike", () => {
    expect(chooseAgent([dee, ana, bob], chat, new Set(), NOW)?.userId).toBe("bob");
  });
  it("skips agents already tried for this interaction", () => {
    expect(chooseAgent([ana, bob], chat, new Set(["bob"]), NOW)?.userId).toBe("ana");
  });
  it("starts a new round once every eligible agent was tried", () => {
    expect(chooseAgent([ana, bob], chat, new Set(["ana", "bob", "cy"]), NOW)?.userId).toBe("bob");
  });
  it("returns null when nobody is eligible", () => {
    expect(chooseAgent([cy], chat, new Set(), NOW)).toBeNull();
  });
});
