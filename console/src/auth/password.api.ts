import type { ChangePasswordBody, PasswordResetBody, PasswordResetRequest } from "@switchboard/shared";
import { api } from "../lib/api";

/** POST /api/auth/password: ends the user's other sessions, keeps this one. */
export const changePassword = (body: ChangePasswordBody) => api<void>("/api/auth/password", { body });

/** POST /api/auth/password-reset: the server answers the same whether or not the account exists. */
export const requestPasswordReset = (body: PasswordResetRequest) => api<void>("/api/auth/password-reset", { body });

/** POST /api/auth/password-reset/:token with the token from the e-mailed link. */
export const resetPassword = (token: string, body: PasswordResetBody) =>
  api<void>(`/api/auth/password-reset/${encodeURIComponent(token)}`, { body });
