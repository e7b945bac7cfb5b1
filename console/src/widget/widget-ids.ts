import { objectIdSchema } from "@switchboard/shared";

/** `/chat/:workspaceId/:queueId` (shared's chatWidgetPath); anything else is a broken link. */
export function widgetIdsFromPath(pathname: string): { workspaceId: string; queueId: string } | null {
  const match = /^\/chat\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  const workspaceId = objectIdSchema.safeParse(match[1]);
  const queueId = objectIdSchema.safeParse(match[2]);
  return workspaceId.success && queueId.success ? { workspaceId: workspaceId.data, queueId: queueId.data } : null;
}
