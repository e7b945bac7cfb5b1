import { AuditAction, can, restrictionsSchema, type InvitationPreview, type Landing } from "@switchboard/shared";
import { trusted, type Types } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import { recordAudit } from "../audit/audit.service.js";
import { hashPassword } from "../auth/passwords.js";
import { hashToken } from "../auth/tokens.js";
import { onDuplicateKey } from "../db/duplicate-key.js";
import { AppError, notFound } from "../http/app-error.js";
import { MembershipModel } from "../members/membership.model.js";
import { membershipWritesOf, type MembershipWrites } from "../members/membership-writes.js";
import { OrganizationModel } from "../organizations/organization.model.js";
import { TeamModel } from "../teams/team.model.js";
import { UserModel } from "../users/user.model.js";
import { WorkspaceModel } from "../workspaces/workspace.model.js";
import { closedPendingKey, InvitationModel } from "./invitation.model.js";
import { effectiveStatus } from "./invitation-lifecycle.js";

async function findByToken(token: string) {
  const inv = await InvitationModel.findOne({ tokenHash: hashToken(token) }).lean();
  if (!inv) throw notFound("Invitation");
  return inv;
}

/** What the registration page shows before the invitee commits to anything. */
export async function previewInvitation(deps: AppDeps, token: string): Promise<InvitationPreview> {
  const inv = await findByToken(token);
  const workspace = await WorkspaceModel.findById(inv.workspaceId, { name: 1, organizationId: 1 }).lean();
  if (!workspace) throw notFound("Workspace");
  const [organization, teams, user] = await Promise.all([
    OrganizationModel.findById(workspace.organizationId, { name: 1 }).lean(),
    TeamModel.find({ _id: trusted({ $in: inv.teams }) }, { name: 1 }).lean(),
    UserModel.findOne({ emailLower: inv.emailLower }, { organizationId: 1 }).lean(),
  ]);
  const teamName = new Map(teams.map((t) => [String(t._id), t.name]));
  return {
    workspace: { id: String(workspace._id), name: workspace.name },
    organization: { name: organization?.name ?? "" },
    name: inv.name,
    email: inv.email,
    roles: inv.roles,
    teams: inv.teams.map((id) => ({ id: String(id), name: teamName.get(String(id)) ?? "" })),
    status: effectiveStatus(inv, deps.clock.now()),
    expiresAt: inv.expiresAt.toISOString(),
    existingUser: user !== null && String(user.organizationId) === String(workspace.organizationId),
  };
}

/** A new user's details, or nothing for a user of the organization who is signed in. */
export type AcceptInput = { firstName: string; lastName: string; password: string } | Record<string, never>;

/**
 * Accepting, in ordered idempotent steps (no transactions on FerretDB): the user (new or
 * existing), then the membership, and only then the invitation is marked accepted — so a
 * crash midway leaves a retryable state, and the unique pendingKey/tokenHash plus the
 * `status: "pending"` condition make the link work once.
 */
export async function acceptInvitation(deps: AppDeps, token: string, input: AcceptInput, signedInUserId: string | null) {
  const inv = await findByToken(token);
  const now = deps.clock.now();
  const status = effectiveStatus(inv, now);
  if (status === "expired") throw new AppError("INVITATION_EXPIRED", "This invitation has expired. Ask for a new one.");
  if (status !== "pending") throw new AppError("INVITATION_NOT_PENDING", `This invitation was already ${status}.`);
  const workspace = await WorkspaceModel.findById(inv.workspaceId, { organizationId: 1 }).lean();
  if (!workspace) throw notFound("Workspace");

  let user = await UserModel.findOne({ emailLower: inv.emailLower }).lean();
  if (user) {
    if (String(user.organizationId) !== String(workspace.organizationId)) {
      throw new AppError("CONFLICT", "This e-mail belongs to a user of another organization.");
    }
    if (signedInUserId !== String(user._id)) {
      throw new AppError("UNAUTHENTICATED", `An account exists for ${inv.email}. Sign in as ${inv.email} to accept.`);
    }
  } else {
    if (!("password" in input)) {
      throw new AppError("VALIDATION_FAILED", "firstName: Required for a new account", {
        issues: ["firstName", "lastName", "password"].map((path) => ({ path, message: "Required for a new account" })),
      });
    }
    const passwordHash = await hashPassword(input.password);
    const created = await onDuplicateKey(
      UserModel.create({
        organizationId: workspace.organizationId,
        email: inv.email,
        emailLower: inv.emailLower,
        firstName: input.firstName,
        lastName: input.lastName,
        phone: inv.phone ?? null,
        passwordHash,
      }),
      () => {
        throw new AppError("CONFLICT", "An account for this e-mail was just created. Sign in to accept.");
      },
    );
    user = created.toObject();
  }

  await joinWorkspace(membershipWritesOf(deps), inv, user);
  const { modifiedCount } = await InvitationModel.updateOne(
    { _id: inv._id, status: "pending" },
    { $set: { status: "accepted", acceptedAt: now, acceptedBy: user._id, pendingKey: closedPendingKey(inv.workspaceId, inv.emailLower, inv._id) } },
  );
  if (modifiedCount === 0) throw new AppError("INVITATION_NOT_PENDING", "This invitation was already used.");

  const name = `${user.firstName} ${user.lastName}`;
  await recordAudit({
    workspaceId: inv.workspaceId,
    actor: { id: user._id, name },
    action: AuditAction.invitationAccepted,
    target: { type: "invitation", id: String(inv._id), label: inv.email },
    after: { userId: String(user._id), roles: inv.roles, teams: inv.teams.map(String) },
    at: now,
  });
  const actor = { userId: String(user._id), roles: inv.roles, teams: inv.teams.map(String), restrictions: restrictionsSchema.parse({}) };
  const landing: Landing = can(actor, "console.use") ? "console" : "install-dock";
  return { user, workspaceId: String(inv.workspaceId), landing };
}

type AcceptedInvitation = { workspaceId: Types.ObjectId; roles: string[]; teams: Types.ObjectId[]; name: string; emailLower: string; phone?: string | null };
type JoiningUser = { _id: Types.ObjectId; firstName: string; lastName: string; emailLower: string; phone?: string | null };

/** Creates the membership, or re-activates a revoked one (unique (workspace, user) keeps it single). */
async function joinWorkspace(writes: MembershipWrites, inv: AcceptedInvitation, user: JoiningUser) {
  const name = `${user.firstName} ${user.lastName}`;
  const fresh = {
    roles: inv.roles,
    teams: inv.teams,
    status: "active",
    name,
    nameLower: name.toLowerCase(),
    emailLower: user.emailLower,
    phone: user.phone ?? inv.phone ?? null,
    revokedAt: null,
    revokedBy: null,
  };
  const existing = await MembershipModel.findOne({ workspaceId: inv.workspaceId, userId: user._id }, { status: 1, workspaceId: 1, userId: 1 }).lean();
  if (existing?.status === "active") return;
  if (existing) {
    await writes.set(existing, { ...fresh, restrictions: {}, settingsOverrides: {}, overrideDockSettings: false }, { status: "revoked" });
    return;
  }
  await writes.create({ workspaceId: inv.workspaceId, userId: user._id, ...fresh });
}
