import type { ErrorCode } from "@switchboard/shared";

/** Services throw this; they know nothing of HTTP. The error middleware maps `code` to a status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found.`);
export const forbidden = (message = "You do not have permission to do this.") => new AppError("FORBIDDEN", message);
export const databaseUnavailable = () => new AppError("DB_UNAVAILABLE", "The database is not answering; try again in a few seconds.");
