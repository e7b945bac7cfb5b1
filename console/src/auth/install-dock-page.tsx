import { Navigate, useNavigate } from "react-router-dom";
import { useSession } from "../app/session-context";
import { CopyButton } from "../invitations/copy-button";
import { AuthCard } from "./auth-card";

/** Served by this server (server/src/dock-download): the dock it was built with, naming this server. */
const DOCK_ZIP_URL = "/api/dock/download";

/**
 * Where agents land after registering: they take calls and chats from the dock in Chrome, not
 * from the console. There is no store listing, so the page offers this server's build of the dock
 * with the "Load unpacked" steps, and shows the server address (the downloaded dock fills it in).
 */
export function InstallDockPage() {
  const { status, me, membership, signOut } = useSession();
  const navigate = useNavigate();
  if (status === "signed-out") return <Navigate to="/login" replace />;
  const serverUrl = window.location.origin;

  return (
    <AuthCard title="Install the dock" subtitle={membership ? `You're in ${membership.workspaceName}.` : undefined}>
      <div className="form" data-testid="install-dock">
        <p>
          {me ? `Welcome, ${me.user.firstName}. ` : ""}Calls and chats reach you through the Switchboard dock, a Chrome
          extension that sits next to the pages you work in.
        </p>
        <a className="btn btn-primary btn-block" href={DOCK_ZIP_URL} download="switchboard-dock.zip" data-testid="install-dock-link">
          Download the dock (zip)
        </a>
        <ol className="steps" data-testid="install-dock-steps">
          <li>Unzip the file you downloaded; it makes a folder named “switchboard-dock”.</li>
          <li>
            In Chrome, open <code>chrome://extensions</code> and switch on “Developer mode” (top right).
          </li>
          <li>Choose “Load unpacked” and pick the “switchboard-dock” folder.</li>
          <li>Pin the Switchboard icon in the toolbar and open it.</li>
          <li>Sign in with the same e-mail and password. The server address is already filled in.</li>
        </ol>
        <div className="field">
          <span className="field-label">Server address</span>
          <div className="copy-row">
            <code data-testid="install-dock-server">
              {serverUrl}
            </code>
            <CopyButton text={serverUrl} testId="install-dock-copy-server" />
          </div>
          <span className="field-hint">The dock asks for it only if it was not downloaded from this page.</span>
        </div>
        <button type="button" className="btn btn-ghost btn-block" data-testid="logout" onClick={() => void signOut().then(() => navigate("/login"))}>
          Sign out
        </button>
      </div>
    </AuthCard>
  );
}
