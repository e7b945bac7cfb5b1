import { interactionDetailSchema, interactionListSchema, type InteractionKind, type InteractionState } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

export interface InteractionFilters {
  queue?: string;
  agent?: string;
  kind?: InteractionKind;
  state?: InteractionState;
  /** ISO instants: enqueuedAt ≥ from, < to. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const listInteractions = (workspaceId: string, filters: InteractionFilters, signal?: AbortSignal) =>
  api(wsPath(workspaceId, "/interactions"), { query: { ...filters }, schema: interactionListSchema, signal });

export const fetchInteraction = (workspaceId: string, interactionId: string, signal?: AbortSignal) =>
  api(wsPath(workspaceId, `/interactions/${encodeURIComponent(interactionId)}`), { schema: interactionDetailSchema, signal });
