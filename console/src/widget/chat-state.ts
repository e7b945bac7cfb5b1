import type { ChatMessage, ChatResumed, ClosedBy } from "@switchboard/shared";

/**
 * The widget's whole state as one pure reducer, so the order in which acks and broadcasts
 * arrive (a sent message comes back both ways) is decided in one tested place.
 */
export type WidgetPhase = "start" | "queued" | "connected" | "ended";
export type WidgetConnection = "connecting" | "live" | "reconnecting" | "refused";

export interface WidgetState {
  phase: WidgetPhase;
  connection: WidgetConnection;
  /** Why the server refused the widget (unknown queue, old page), in words for the visitor. */
  problem: string | null;
  interactionId: string | null;
  /** 1-based place in the queue while waiting; null when unknown. */
  position: number | null;
  agentName: string | null;
  agentTyping: boolean;
  messages: readonly ChatMessage[];
  closedBy: ClosedBy | null;
}

export type WidgetEvent =
  | { type: "connected" }
  | { type: "disconnected" }
  | { type: "refused"; problem: string }
  | { type: "started"; interactionId: string; position: number; first: ChatMessage }
  | { type: "resumed"; chat: ChatResumed }
  | { type: "queued"; position: number }
  | { type: "joined"; agentName: string; at: string }
  | { type: "message"; message: ChatMessage }
  | { type: "typing"; typing: boolean }
  | { type: "closed"; by: ClosedBy }
  | { type: "new-chat" };

export const initialWidgetState: WidgetState = {
  phase: "start",
  connection: "connecting",
  problem: null,
  interactionId: null,
  position: null,
  agentName: null,
  agentTyping: false,
  messages: [],
  closedBy: null,
};

const OPEN_PHASES: readonly WidgetPhase[] = ["queued", "connected"];

/** A message already shown (the ack and the broadcast of one send carry the same id) is not added twice. */
function withMessage(messages: readonly ChatMessage[], message: ChatMessage): readonly ChatMessage[] {
  return messages.some((m) => m.id === message.id) ? messages : [...messages, message];
}

export function widgetReducer(state: WidgetState, event: WidgetEvent): WidgetState {
  switch (event.type) {
    case "connected":
      return { ...state, connection: "live", problem: null };
    case "disconnected":
      return state.connection === "refused" ? state : { ...state, connection: "reconnecting", agentTyping: false };
    case "refused":
      return { ...state, connection: "refused", problem: event.problem };
    case "started":
      return {
        ...state,
        phase: "queued",
        interactionId: event.interactionId,
        position: event.position,
        messages: withMessage(state.messages, event.first),
        closedBy: null,
      };
    case "resumed": {
      const { chat } = event;
      const ended = !["queued", "offered", "connected"].includes(chat.state);
      // The server's transcript replaces what this page had: it is the order everyone else sees.
      return {
        ...state,
        interactionId: chat.interactionId,
        phase: ended ? "ended" : chat.state === "connected" ? "connected" : "queued",
        position: chat.state === "connected" ? 0 : chat.position,
        agentName: chat.agentName,
        messages: chat.messages,
        closedBy: ended ? (state.closedBy ?? "system") : null,
      };
    }
    case "queued":
      if (state.phase === "ended") return state;
      return { ...state, phase: event.position > 0 ? "queued" : state.phase, position: event.position };
    case "joined": {
      if (state.phase === "ended") return state;
      const notice: ChatMessage = { id: `joined-${state.messages.length}-${event.at}`, from: "system", text: `${event.agentName} joined the chat`, at: event.at };
      return { ...state, phase: "connected", position: 0, agentName: event.agentName, messages: withMessage(state.messages, notice) };
    }
    case "message":
      return { ...state, messages: withMessage(state.messages, event.message), agentTyping: event.message.from === "agent" ? false : state.agentTyping };
    case "typing":
      return { ...state, agentTyping: state.phase === "connected" && event.typing };
    case "closed":
      return OPEN_PHASES.includes(state.phase) ? { ...state, phase: "ended", closedBy: event.by, agentTyping: false } : state;
    case "new-chat":
      return { ...initialWidgetState, connection: state.connection, problem: state.problem };
  }
}

/** The status line under the header. */
export function widgetStatusText(state: WidgetState): string {
  if (state.connection === "refused") return state.problem ?? "This chat is not available.";
  if (state.connection === "reconnecting") return "Reconnecting…";
  switch (state.phase) {
    case "start":
      return "Ask us anything. We usually answer in a few minutes.";
    case "queued":
      return state.position && state.position > 0 ? `You are number ${state.position} in the queue.` : "Waiting for an agent…";
    case "connected":
      return state.agentName ? `You are chatting with ${state.agentName}.` : "An agent is with you.";
    case "ended":
      return state.closedBy === "agent" ? "The agent ended the chat." : state.closedBy === "visitor" ? "You ended the chat." : "This chat has ended.";
  }
}
