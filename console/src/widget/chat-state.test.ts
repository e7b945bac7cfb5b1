import type { ChatMessage, ChatResumed } from "@switchboard/shared";
import { describe, expect, it } from "vitest";
import { initialWidgetState, widgetReducer, widgetStatusText, type WidgetEvent, type WidgetState } from "./chat-state";

const ID = "c".repeat(24);
const msg = (id: string, from: ChatMessage["from"], text: string): ChatMessage => ({ id, from, text, at: "2026-01-01T10:00:00.000Z" });
const run = (...events: WidgetEvent[]): WidgetState => events.reduce(widgetReducer, initialWidgetState);
const started: WidgetEvent = { type: "started", interactionId: ID, position: 2, first: msg("first", "visitor", "Hello") };

describe("chat widget state", () => {
  it("the first message starts the chat and shows the queue position", () => {
    const state = run({ type: "connected" }, started);
    expect(state.phase).toBe("queued");
    expect(state.messages.map((m) => m.text)).toEqual(["Hello"]);
    expect(widgetStatusText(state)).toBe("You are number 2 in the queue.");
    expect(widgetStatusText(widgetReducer(state, { type: "queued", position: 1 }))).toBe("You are number 1 in the queue.");
  });

  it("an agent joining says who joined, in the transcript and the status line", () => {
    const state = run({ type: "connected" }, started, { type: "joined", agentName: "Ana", at: "2026-01-01T10:00:01.000Z" });
    expect(state.phase).toBe("connected");
    expect(state.messages.at(-1)).toMatchObject({ from: "system", text: "Ana joined the chat" });
    expect(widgetStatusText(state)).toBe("You are chatting with Ana.");
  });

  it("a message that arrives as the ack and as the broadcast shows once, in arrival order", () => {
    const a = msg("m1", "visitor", "one");
    const b = msg("m2", "agent", "two");
    const state = run(started, { type: "message", message: a }, { type: "message", message: b }, { type: "message", message: a });
    expect(state.messages.map((m) => m.id)).toEqual(["first", "m1", "m2"]);
  });

  it("typing shows only while connected and stops when the agent's message arrives", () => {
    expect(run(started, { type: "typing", typing: true }).agentTyping).toBe(false);
    const typing = run(started, { type: "joined", agentName: "Ana", at: "x" }, { type: "typing", typing: true });
    expect(typing.agentTyping).toBe(true);
    expect(widgetReducer(typing, { type: "message", message: msg("m9", "agent", "hi") }).agentTyping).toBe(false);
  });

  it("the end of the chat from either side says who ended it, and later events do not reopen it", () => {
    const byAgent = run(started, { type: "joined", agentName: "Ana", at: "x" }, { type: "closed", by: "agent" });
    expect(byAgent.phase).toBe("ended");
    expect(widgetStatusText(byAgent)).toBe("The agent ended the chat.");
    expect(widgetReducer(byAgent, { type: "queued", position: 3 }).phase).toBe("ended");
    expect(widgetReducer(byAgent, { type: "joined", agentName: "Bo", at: "y" }).phase).toBe("ended");
    expect(widgetStatusText(run(started, { type: "closed", by: "visitor" }))).toBe("You ended the chat.");
  });

  it("a resumed chat (reload with the token) takes the server's transcript and state", () => {
    const chat: ChatResumed = { interactionId: ID, state: "connected", position: 0, agentName: "Ana", messages: [msg("s1", "visitor", "Hello"), msg("s2", "agent", "Hi")] };
    const state = run({ type: "connected" }, { type: "resumed", chat });
    expect(state.phase).toBe("connected");
    expect(state.messages.map((m) => m.id)).toEqual(["s1", "s2"]);
    expect(run({ type: "resumed", chat: { ...chat, state: "closed" } }).phase).toBe("ended");
    expect(run({ type: "resumed", chat: { ...chat, state: "queued", position: 4 } }).position).toBe(4);
  });

  it("a refused connection stays refused through disconnects and says why", () => {
    const state = run({ type: "refused", problem: "Unknown queue." }, { type: "disconnected" });
    expect(state.connection).toBe("refused");
    expect(widgetStatusText(state)).toBe("Unknown queue.");
  });

  it("a new chat after the end starts from an empty transcript", () => {
    const state = run({ type: "connected" }, started, { type: "closed", by: "agent" }, { type: "new-chat" });
    expect(state).toMatchObject({ phase: "start", messages: [], connection: "live", interactionId: null });
  });
});
