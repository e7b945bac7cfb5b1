import { BrowserRouter, Route, Routes } from "react-router-dom";
import { ChangePasswordPage } from "../account/change-password-page";
import { AuditPage } from "../audit/audit-page";
import { ForgotPasswordPage } from "../auth/forgot-password-page";
import { InteractionDetailPage } from "../interactions/interaction-detail-page";
import { InteractionsPage } from "../interactions/interactions-page";
import { QueuesPage } from "../queues/queues-page";
import { InstallDockPage } from "../auth/install-dock-page";
import { LoginPage } from "../auth/login-page";
import { RegisterPage } from "../auth/register-page";
import { ResetPasswordPage } from "../auth/reset-password-page";
import { SetupPage } from "../auth/setup-page";
import { ContactsPage } from "../contacts/contacts-page";
import { InvitationsPage } from "../invitations/invitations-page";
import { OutboxPage } from "../outbox/outbox-page";
import { MemberDetailPage } from "../members/member-detail-page";
import { MembersPage } from "../members/members-page";
import { PresenceBoardPage } from "../presence/presence-board-page";
import { TeamsPage } from "../teams/teams-page";
import { MemberSettingsPage } from "../member-settings/member-settings-page";
import { WorkspaceSettingsPage } from "../settings/workspace-settings-page";
import { TeamSettingsPage } from "../team-settings/team-settings-page";
import { ConsoleShell } from "./console-shell";
import { FirstAllowedPage } from "./first-allowed-page";
import { NotFoundPage } from "./not-found-page";
import { RequireConsole } from "./require-console";
import { SessionProvider } from "./session-context";

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/setup" element={<SetupPage />} />
          <Route path="/register/:token" element={<RegisterPage />} />
          <Route path="/install-dock" element={<InstallDockPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
          <Route element={<RequireConsole />}>
            <Route element={<ConsoleShell />}>
              <Route index element={<FirstAllowedPage />} />
              <Route path="members" element={<MembersPage />} />
              <Route path="invitations" element={<InvitationsPage />} />
              <Route path="teams" element={<TeamsPage />} />
              <Route path="teams/:teamId/settings" element={<TeamSettingsPage />} />
              <Route path="members/:userId" element={<MemberDetailPage />} />
              <Route path="members/:userId/settings" element={<MemberSettingsPage />} />
              <Route path="presence" element={<PresenceBoardPage />} />
              <Route path="queues" element={<QueuesPage />} />
              <Route path="interactions" element={<InteractionsPage />} />
              <Route path="interactions/:interactionId" element={<InteractionDetailPage />} />
              <Route path="contacts" element={<ContactsPage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="outbox" element={<OutboxPage />} />
              <Route path="settings" element={<WorkspaceSettingsPage />} />
              <Route path="account/password" element={<ChangePasswordPage />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
