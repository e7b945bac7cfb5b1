// Importing this registers every model, so connectDatabase() can build all indexes.
export { OrganizationModel } from "../organizations/organization.model.js";
export { WorkspaceModel } from "../workspaces/workspace.model.js";
export { UserModel } from "../users/user.model.js";
export { MembershipModel } from "../members/membership.model.js";
export { TeamModel } from "../teams/team.model.js";
export { InvitationModel } from "../invitations/invitation.model.js";
export { ContactModel } from "../contacts/contact.model.js";
export { AuditEventModel } from "../audit/audit-event.model.js";
export { SessionModel } from "../auth/session.model.js";
export { PasswordResetModel } from "../auth/password-reset.model.js";
export { SetupLockModel } from "../setup/setup-lock.model.js";
export { ConnectionModel } from "../settings/connection.model.js";
export { OutboxMessageModel } from "../mail/outbox.model.js";
export { QueueModel } from "../routing/queue.model.js";
export { InteractionModel } from "../routing/interaction.model.js";
