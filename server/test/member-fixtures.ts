import type { Restrictions, Role } from "@switchboard/shared";
import { hashPassword } from "../src/auth/passwords.js";
import { createSession } from "../src/auth/sessions.service.js";
import { membershipWritesOf } from "../src/members/membership-writes.js";
import { UserModel } from "../src/users/user.model.js";
import { WorkspaceModel } from "../src/workspaces/workspace.model.js";
import type { TestServer } from "./test-server.js";

let counter = 0;

export interface TestMember {
  userId: string;
  token: string;
  email: string;
}

/**
 * Puts a member straight into the database with a live session, so tests of one feature do not
 * depend on the invitation flow, and announces them as accepting an invitation does (the
 * server's membership copy and presence follow that event). Never used by production code.
 */
export async function addTestMember(
  t: TestServer,
  workspaceId: string,
  input: {
    roles: Role[];
    teams: string[];
    restrictions?: Partial<Restrictions>;
    name?: string;
    /** For a test that signs in through a form (the dock's e2e); others use the returned session. */
    password?: string;
  },
): Promise<TestMember> {
  counter += 1;
  const name = input.name ?? `${input.roles.join("-")} ${counter}`;
  const email = `member${counter}.${Date.now()}@example.com`;
  const workspace = await WorkspaceModel.findById(workspaceId).lean();
  if (!workspace) throw new Error(`no workspace ${workspaceId}`);
  const [firstName, lastName = "Test"] = name.split(" ");
  const user = await UserModel.create({
    organizationId: workspace.organizationId,
    email,
    emailLower: email,
    firstName: firstName!,
    lastName,
    // Without a password, signs in only through the session created below.
    passwordHash: input.password ? await hashPassword(input.password) : "!test-fixture",
  });
  await membershipWritesOf(t.deps).create({
    workspaceId,
    userId: user._id,
    roles: input.roles,
    teams: input.teams,
    restrictions: input.restrictions ?? {},
    name,
    nameLower: name.toLowerCase(),
    emailLower: email,
  });
  const token = await createSession(user._id, t.clock, 1);
  return { userId: String(user._id), token, email };
}
