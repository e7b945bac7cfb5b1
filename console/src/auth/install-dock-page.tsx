import { Navigate, useNavigate } from "react-router-dom";
import { useSession } from "../app/session-context";
import { AuthCard } from "./auth-card";

// The store listing is known only at release time; a build can point at it.
const DOCK_URL: string = import.meta.env.VITE_DOCK_INSTALL_URL ?? "https://chromewebstore.google.com/";

/** Where agents land: they take calls and chats from the dock in Chrome, not from the console. */
export function InstallDockPage() {
  const { status, me, membership, signOut } = useSession();
  const navigate = useNavigate();
  if (status === "signed-out") return <Navigate to="/login" replace />;

  return (
    <AuthCard title="Install the dock" subtitle={membership ? `You're in ${membership.workspaceName}.` : undefined}>
      <div className="form" data-testid="install-dock">
        <p>
          {me ? `Welcome, ${me.user.firstName}. ` : ""}Calls and chats reach you through the Switchboard dock, a Chrome
          extension that sits next to the pages you work in.
        </p>
        <ol className="steps">
          <li>Open the dock's page in the Chrome Web Store and choose “Add to Chrome”.</li>
          <li>Pin the Switchboard icon in the toolbar.</li>
          <li>Open the dock and sign in with the same e-mail and password.</li>
        </ol>
        <a className="btn btn-primary btn-block" href={DOCK_URL} target="_blank" rel="noreferrer" data-testid="install-dock-link">
          Get the dock for Chrome
        </a>
        <button type="button" className="btn btn-ghost btn-block" data-testid="logout" onClick={() => void signOut().then(() => navigate("/login"))}>
          Sign out
        </button>
      </div>
    </AuthCard>
  );
}
