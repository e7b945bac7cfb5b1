/** Stable error codes. Clients and integrators branch on these, so never rename one. */
export const ErrorCode = Object.freeze({
  VALIDATION_FAILED: "VALIDATION_FAILED",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "RATE_LIMITED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  INVITATION_EXPIRED: "INVITATION_EXPIRED",
  INVITATION_NOT_PENDING: "INVITATION_NOT_PENDING",
  LAST_ADMIN: "LAST_ADMIN",
  SELF_ACCESS_CHANGE: "SELF_ACCESS_CHANGE",
  ROLE_CEILING: "ROLE_CEILING",
  SETTING_LOCKED: "SETTING_LOCKED",
  ALREADY_SET_UP: "ALREADY_SET_UP",
  PROTOCOL_OUTDATED: "PROTOCOL_OUTDATED",
  /** A cookie-authenticated write from another origin (CSRF). */
  CSRF_REJECTED: "CSRF_REJECTED",
  /** A password-reset link that is unknown, already used or expired (one answer for all three). */
  RESET_LINK_INVALID: "RESET_LINK_INVALID",
  /** Too many heavy reads at once (e.g. outbox pages); retry after the `Retry-After` seconds. */
  SERVER_BUSY: "SERVER_BUSY",
  /** The database is down or restarting (the watchdog's state, or a driver connection error). */
  DB_UNAVAILABLE: "DB_UNAVAILABLE",
  /** The server has no SIP front configured (no Kamailio): the dock has no softphone account to use. */
  SIP_NOT_CONFIGURED: "SIP_NOT_CONFIGURED",
  INTERNAL: "INTERNAL",
} as const);
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status per code; the server's one error middleware reads this table. */
export const errorHttpStatus: Readonly<Record<ErrorCode, number>> = Object.freeze({
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INVITATION_EXPIRED: 410,
  INVITATION_NOT_PENDING: 409,
  LAST_ADMIN: 409,
  SELF_ACCESS_CHANGE: 403,
  ROLE_CEILING: 403,
  SETTING_LOCKED: 409,
  ALREADY_SET_UP: 409,
  PROTOCOL_OUTDATED: 426,
  CSRF_REJECTED: 403,
  RESET_LINK_INVALID: 410,
  SERVER_BUSY: 503,
  DB_UNAVAILABLE: 503,
  SIP_NOT_CONFIGURED: 404,
  INTERNAL: 500,
});
