import type { Permission, PublicUser, Reach, Restrictions, Role } from "@switchboard/shared";
import { api, ApiError } from "../lib/api";

/** One workspace the user belongs to, as GET /api/me describes it. */
export interface MeMembership {
  workspaceId: string;
  workspaceName: string;
  roles: Role[];
  teams: string[];
  restrictions: Restrictions;
  permissions: Partial<Record<Permission, Reach>>;
}

export interface Me {
  user: PublicUser;
  memberships: MeMembership[];
}

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>("/api/me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Whether the first-run setup still has to happen; an older server without the probe counts as set up. */
export async function fetchSetupNeeded(): Promise<boolean> {
  try {
    const body = await api<{ needed?: boolean }>("/api/setup");
    return body?.needed === true;
  } catch {
    return false;
  }
}

export const logout = () => api<void>("/api/auth/logout", { method: "POST" });
