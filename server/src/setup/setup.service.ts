import type { SetupBody } from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { hashPassword } from "../auth/passwords.js";
import { AppError } from "../http/app-error.js";
import { membershipWritesOf } from "../members/membership-writes.js";
import { OrganizationModel } from "../organizations/organization.model.js";
import { TeamModel } from "../teams/team.model.js";
import { UserModel } from "../users/user.model.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { SetupLockModel } from "./setup-lock.model.js";

export async function isSetUp(): Promise<boolean> {
  return (await SetupLockModel.exists({ _id: "setup" })) !== null || (await UserModel.exists({})) !== null;
}

/**
 * First run: organization, workspace, first team and first admin. The lock document is
 * inserted first, so a second or concurrent call fails before writing anything.
 */
export async function runFirstSetup(body: SetupBody, deps: Pick<AppDeps, "clock" | "events">) {
  if (await isSetUp()) throw new AppError("ALREADY_SET_UP", "This server is already set up.");
  const passwordHash = await hashPassword(body.admin.password);
  try {
    await SetupLockModel.create({ _id: "setup", at: deps.clock.now() });
  } catch {
    throw new AppError("ALREADY_SET_UP", "This server is already set up.");
  }
  const organization = await OrganizationModel.create({ name: body.organization });
  const workspace = await WorkspaceModel.create({ organizationId: organization._id, name: body.workspace });
  const team = await TeamModel.create({ workspaceId: workspace._id, name: body.team, nameLower: body.team.toLowerCase() });
  const { firstName, lastName, email } = body.admin;
  const user = await UserModel.create({ organizationId: organization._id, email, emailLower: email, firstName, lastName, passwordHash });
  await membershipWritesOf(deps).create({
    workspaceId: workspace._id,
    userId: user._id,
    roles: ["admin"],
    teams: [team._id],
    name: `${firstName} ${lastName}`,
    nameLower: `${firstName} ${lastName}`.toLowerCase(),
    emailLower: email,
  });
  return { user, workspace, team };
}
