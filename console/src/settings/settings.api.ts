import { workspaceSettingsSchema, type WorkspaceSettingsBody } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

export const fetchWorkspaceSettings = (workspaceId: string, signal?: AbortSignal) =>
  api(wsPath(workspaceId, "/settings"), { schema: workspaceSettingsSchema, signal });

/** Replaces the workspace defaults: a field left out of `settings` falls back to the built-in default. */
export const saveWorkspaceSettings = (workspaceId: string, body: WorkspaceSettingsBody) =>
  api(wsPath(workspaceId, "/settings"), { method: "PUT", body, schema: workspaceSettingsSchema });
