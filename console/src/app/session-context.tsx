import { can, type Actor, type MeMembership, type MeResponse, type Permission } from "@switchboard/shared";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { setUnauthenticatedHandler } from "../lib/api";
import { fetchMe, fetchSetupNeeded, logout } from "./session.api";

const WORKSPACE_KEY = "switchboard.workspace";

export type SessionStatus = "loading" | "signed-out" | "signed-in" | "error";

export interface Session {
  status: SessionStatus;
  me: MeResponse | null;
  setupNeeded: boolean;
  /** The workspace the console is looking at; the first membership unless the user picked another. */
  membership: MeMembership | null;
  actor: Actor | null;
  selectWorkspace: (workspaceId: string) => void;
  refresh: () => Promise<MeResponse | null>;
  signOut: () => Promise<void>;
  /** UI-only check (hides menus and buttons); the server decides for real. */
  allows: (permission: Permission, teamIds?: readonly string[]) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>("loading");
  const [me, setMe] = useState<MeResponse | null>(null);
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [workspaceId, setWorkspaceId] = useState(() => localStorage.getItem(WORKSPACE_KEY));

  const refresh = useCallback(async () => {
    try {
      const next = await fetchMe();
      setMe(next);
      if (!next) setSetupNeeded(await fetchSetupNeeded());
      setStatus(next ? "signed-in" : "signed-out");
      return next;
    } catch {
      setStatus("error");
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
    setUnauthenticatedHandler(() => {
      setMe(null);
      setStatus("signed-out");
    });
    return () => setUnauthenticatedHandler(undefined);
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      setMe(null);
      setStatus("signed-out");
    }
  }, []);

  const selectWorkspace = useCallback((id: string) => {
    localStorage.setItem(WORKSPACE_KEY, id);
    setWorkspaceId(id);
  }, []);

  const value = useMemo<Session>(() => {
    const memberships = me?.memberships ?? [];
    const membership = memberships.find((m) => m.workspaceId === workspaceId) ?? memberships[0] ?? null;
    const actor: Actor | null =
      me && membership
        ? { userId: me.user.id, roles: membership.roles, teams: membership.teams, restrictions: membership.restrictions }
        : null;
    const allows = (permission: Permission, teamIds?: readonly string[]) =>
      actor !== null && can(actor, permission, teamIds ? { teamIds } : undefined);
    return { status, me, setupNeeded, membership, actor, selectWorkspace, refresh, signOut, allows };
  }, [status, me, setupNeeded, workspaceId, selectWorkspace, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside <SessionProvider>");
  return session;
}

/** For pages inside the console shell, where a workspace membership is guaranteed. */
export function useWorkspace(): { membership: MeMembership; actor: Actor; workspaceId: string; allows: Session["allows"] } {
  const { membership, actor, allows } = useSession();
  if (!membership || !actor) throw new Error("useWorkspace outside a workspace");
  return { membership, actor, workspaceId: membership.workspaceId, allows };
}
