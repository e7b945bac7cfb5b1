import type { ChatMessageEvent, ChatResumed, ClosedBy, Interaction, InteractionDetail, Offer, OfferCancelled } from "@switchboard/shared";

/**
 * What routing tells the outside world; the socket layer implements it with rooms (relayed
 * across nodes by the Redis adapter). Payloads arrive already masked for their reader.
 */
export interface RoutingPublisher {
  offerNew(workspaceId: string, agentId: string, offer: Offer): void;
  offerCancelled(workspaceId: string, agentId: string, payload: OfferCancelled): void;
  agentInteraction(workspaceId: string, agentId: string, interaction: InteractionDetail): void;
  agentMessage(workspaceId: string, agentId: string, payload: ChatMessageEvent): void;
  agentTyping(workspaceId: string, agentId: string, payload: { interactionId: string; typing: boolean }): void;
  watchers(workspaceId: string, queueTeams: readonly string[], interaction: Interaction): void;
  visitorQueued(interactionId: string, position: number): void;
  visitorJoined(interactionId: string, agentName: string): void;
  visitorMessage(interactionId: string, payload: ChatMessageEvent): void;
  visitorTyping(interactionId: string, typing: boolean): void;
  visitorClosed(interactionId: string, by: ClosedBy): void;
  visitorResumed?(interactionId: string, payload: ChatResumed): void;
  /** Something a queue board shows changed in this workspace. */
  statsDirty(workspaceId: string): void;
}

export const silentPublisher: RoutingPublisher = {
  offerNew() {},
  offerCancelled() {},
  agentInteraction() {},
  agentMessage() {},
  agentTyping() {},
  watchers() {},
  visitorQueued() {},
  visitorJoined() {},
  visitorMessage() {},
  visitorTyping() {},
  visitorClosed() {},
  statsDirty() {},
};
