import { canLockSettings, DEFAULT_SETTINGS, SettingsAuditAction, type WorkspaceSettings, type WorkspaceSettingsBody } from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { recordAudit } from "../audit/audit.service.js";
import { AppError, notFound } from "../http/app-error.js";
import type { MemberContext } from "../http/request-context.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { sameLocks, storedLocks, storedOverrides } from "./stored-settings.js";

async function loadWorkspace(workspaceId: string) {
  const workspace = await WorkspaceModel.findById(workspaceId);
  if (!workspace) throw notFound("Workspace");
  return workspace;
}

const toView = (workspace: Awaited<ReturnType<typeof loadWorkspace>>): WorkspaceSettings => ({
  settings: storedOverrides(workspace.settings),
  locks: storedLocks(workspace.locks),
  awayReasons: [...workspace.awayReasons],
  defaults: DEFAULT_SETTINGS,
});

export async function getWorkspaceSettings(workspaceId: string): Promise<WorkspaceSettings> {
  return toView(await loadWorkspace(workspaceId));
}

/** Replaces the workspace defaults; every member's effective settings may move. */
export async function updateWorkspaceSettings(deps: AppDeps, actor: MemberContext, body: WorkspaceSettingsBody): Promise<WorkspaceSettings> {
  const workspace = await loadWorkspace(actor.workspaceId);
  const before = toView(workspace);
  if (body.locks && !sameLocks(body.locks, before.locks) && !canLockSettings(actor)) {
    throw new AppError("FORBIDDEN", "Only admins lock or unlock settings.", { path: "locks" });
  }
  const changes = { settings: body.settings, ...(body.locks ? { locks: body.locks } : {}), ...(body.awayReasons ? { awayReasons: body.awayReasons } : {}) };
  // Only these fields (DESIGN.md §2: no load-then-save on FerretDB).
  const { matchedCount } = await WorkspaceModel.updateOne({ _id: workspace._id }, { $set: changes });
  if (matchedCount === 0) throw notFound("Workspace");
  workspace.set(changes);
  const after = toView(workspace);
  await recordAudit({
    workspaceId: actor.workspaceId,
    actor: { id: actor.userId, name: actor.name },
    action: SettingsAuditAction.workspaceSettingsChanged,
    target: { type: "workspace", id: actor.workspaceId, label: workspace.name },
    before: { settings: before.settings, locks: before.locks, awayReasons: before.awayReasons },
    after: { settings: after.settings, locks: after.locks, awayReasons: after.awayReasons },
    at: deps.clock.now(),
  });
  deps.events.emit("settings.changed", { workspaceId: actor.workspaceId, userIds: "all" });
  return after;
}
