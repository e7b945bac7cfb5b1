import { memberSchema } from "@switchboard/shared";
import { useWorkspace } from "../app/session-context";
import { api, wsPath } from "../lib/api";
import { useDebounced } from "../lib/use-debounced";
import { useResource } from "../lib/use-resource";
import { listMembers } from "./members.api";

/** How many matches a member picker offers; typing narrows the search on the server. */
export const MEMBER_MATCHES = 20;

export interface MemberChoice {
  userId: string;
  name: string;
  email: string;
}

/**
 * Active members matching what was typed in a member picker, searched on the server by name,
 * e-mail or phone (issue 15: pickers held the first 200 members and the rest could not be
 * chosen), plus the chosen member when the search does not find them, so a choice never vanishes.
 */
export function useMemberSearch(search: string, chosenId: string) {
  const { workspaceId, allows } = useWorkspace();
  const mayList = allows("members.view");
  const q = useDebounced(search.trim());
  const { data, loading } = useResource(
    (signal) => (mayList ? listMembers(workspaceId, { q, page: 1, pageSize: MEMBER_MATCHES }, signal) : Promise.resolve({ items: [], total: 0 })),
    JSON.stringify([workspaceId, mayList, q]),
  );
  const matches: MemberChoice[] = data?.items ?? [];
  const missing = chosenId !== "" && mayList && !matches.some((m) => m.userId === chosenId);
  // Revoked members are found too (GET /members/:userId answers for them), e.g. an old audit actor.
  const chosen = useResource(
    (signal) => (missing ? api(wsPath(workspaceId, `/members/${encodeURIComponent(chosenId)}`), { schema: memberSchema, signal }) : Promise.resolve(null)),
    JSON.stringify([workspaceId, chosenId, missing]),
  );
  const extra = missing && chosen.data ? [{ userId: chosen.data.userId, name: chosen.data.name, email: chosen.data.email }] : [];
  return { choices: [...extra, ...matches], total: data?.total ?? 0, shown: matches.length, loading };
}
