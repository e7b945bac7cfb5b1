import { useEffect, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router-dom";
import { capitalize, initialsOf } from "../lib/format";
import { NAV_ITEMS } from "./nav-items";
import { useSession, useWorkspace } from "./session-context";

export function ConsoleShell() {
  const { me, signOut, selectWorkspace } = useSession();
  const { membership, allows } = useWorkspace();
  const navigate = useNavigate();
  const name = me ? `${me.user.firstName} ${me.user.lastName}` : "";
  // On phone widths the navigation folds behind a Menu button (CSS decides when the button shows);
  // following a link folds it again so the page, not the menu, fills the screen.
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);

  const onSignOut = async () => {
    await signOut();
    navigate("/login", { replace: true });
  };

  return (
    <div className="shell">
      <header className={`shell-nav${menuOpen ? " shell-nav-open" : ""}`}>
        <div className="shell-bar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">S</span> Switchboard
          </div>
          <button
            type="button"
            className="btn btn-ghost shell-menu-button"
            data-testid="shell-menu"
            aria-expanded={menuOpen}
            aria-controls="shell-menu-panel"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? "Close menu" : "Menu"}
          </button>
        </div>
        <div className="shell-menu-panel" id="shell-menu-panel">
          {me && me.memberships.length > 1 ? (
            <select
              className="workspace-select"
              data-testid="workspace-select"
              aria-label="Workspace"
              value={membership.workspaceId}
              onChange={(e) => selectWorkspace(e.target.value)}
            >
              {me.memberships.map((m) => (
                <option key={m.workspaceId} value={m.workspaceId}>
                  {m.workspaceName}
                </option>
              ))}
            </select>
          ) : (
            <div className="workspace-name" data-testid="workspace-name">
              {membership.workspaceName}
            </div>
          )}
          <nav aria-label="Console">
            {NAV_ITEMS.filter((item) => allows(item.permission)).map((item) => (
              <NavLink key={item.path} to={item.path} data-testid={item.testId} className="nav-link">
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="shell-user">
            <span className="avatar" aria-hidden="true">{initialsOf(name)}</span>
            <div className="shell-user-text">
              <div data-testid="shell-user-name" title={name}>
                {name}
              </div>
              <div className="muted small">{membership.roles.map(capitalize).join(", ")}</div>
            </div>
            <NavLink to="/account/password" className="btn btn-ghost btn-small" data-testid="nav-change-password">
              Change password
            </NavLink>
            <button type="button" className="btn btn-ghost btn-small" data-testid="logout" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main className="shell-main">
        <Outlet />
      </main>
    </div>
  );
}
