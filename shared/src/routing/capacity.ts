import type { InteractionKind } from "./interaction.schema.js";

/** What an agent holds right now: pending offers plus connected interactions, per kind. */
export interface AgentLoad {
  calls: number;
  chats: number;
}

/** The settings that bound an agent's load (DESIGN.md §6 dock settings). */
export interface CapacityLimits {
  chatsPerUser: number;
  simultaneousChannelHandling: boolean;
}

export const EMPTY_LOAD: AgentLoad = Object.freeze({ calls: 0, chats: 0 });

/**
 * Whether one more `kind` fits (DESIGN.md §9, §10): a call needs no call in progress, a chat
 * fewer chats than `chatsPerUser`; with simultaneous handling off, no chat during a call and no
 * call while any chat is open. server/src/routing/reserve.lua applies the same rule atomically
 * in Redis; keep them in step (the reservation tests run against both).
 */
export function hasCapacityFor(kind: InteractionKind, load: AgentLoad, limits: CapacityLimits): boolean {
  if (kind === "call") {
    if (load.calls > 0) return false;
    return limits.simultaneousChannelHandling || load.chats === 0;
  }
  if (load.chats >= limits.chatsPerUser) return false;
  return limits.simultaneousChannelHandling || load.calls === 0;
}
