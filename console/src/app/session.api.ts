import { meResponseSchema, type MeResponse } from "@switchboard/shared";
import { api, ApiError } from "../lib/api";

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<MeResponse | null> {
  try {
    return await api("/api/me", { schema: meResponseSchema });
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
