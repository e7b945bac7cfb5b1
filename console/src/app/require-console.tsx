import { Navigate, Outlet, useLocation } from "react-router-dom";
import { useSession } from "./session-context";
import { Loading } from "../ui/loading";

/** Lets through members who may use the console; everyone else is sent where they belong. */
export function RequireConsole() {
  const { status, setupNeeded, me, allows, refresh } = useSession();
  const location = useLocation();

  if (status === "loading") return <Loading />;
  if (status === "error") {
    return (
      <div className="center-page">
        <div className="card">
          <h1>Cannot reach Switchboard</h1>
          <p className="muted">The server did not answer. It may be starting up.</p>
          <button type="button" className="btn btn-primary" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (status === "signed-out") {
    return setupNeeded ? (
      <Navigate to="/setup" replace />
    ) : (
      <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
    );
  }
  if (!me?.memberships.length) {
    return (
      <div className="center-page">
        <div className="card" data-testid="no-workspace">
          <h1>No workspace yet</h1>
          <p className="muted">You are not a member of any workspace. Ask an admin for an invitation.</p>
        </div>
      </div>
    );
  }
  // Agents work from the dock, not the console (DESIGN.md §5).
  if (!allows("console.use")) return <Navigate to="/install-dock" replace />;
  return <Outlet />;
}
