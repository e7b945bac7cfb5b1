import { useMemo } from "react";
import { useWorkspace } from "../app/session-context";
import { useResource } from "../lib/use-resource";
import { listMembers } from "../members/members.api";

/** Active members a contact can be assigned to, and id → name for the table. */
export function useAssignees() {
  const { workspaceId, allows } = useWorkspace();
  const mayList = allows("members.view");
  const { data } = useResource(
    (signal) => (mayList ? listMembers(workspaceId, { page: 1, pageSize: 200 }, signal) : Promise.resolve({ items: [], total: 0 })),
    `${workspaceId}/${mayList}`,
  );
  return useMemo(() => {
    const members = data?.items ?? [];
    const names = new Map(members.map((m) => [m.userId, m.name]));
    return { members, nameOf: (userId: string) => names.get(userId) ?? "Former member" };
  }, [data]);
}
