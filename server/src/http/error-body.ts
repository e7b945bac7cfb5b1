import mongoose from "mongoose";
import { ZodError } from "zod";
import { errorHttpStatus, toFieldIssues, type ErrorBody } from "@switchboard/shared";
import { AppError, databaseUnavailable } from "./app-error.js";

interface MappedError {
  status: number;
  body: ErrorBody;
}

const isDuplicateKey = (err: unknown): err is { code: number; keyValue?: Record<string, unknown> } =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === 11000;

const { MongoNetworkError, MongoServerSelectionError, MongoTopologyClosedError, MongoNotConnectedError } = mongoose.mongo;

// Driver 6.20 lets the EPIPE of a command written to a socket the killed database closed escape
// unwrapped; its stack is what says it came from the driver's connection.
const isDriverSocketError = (err: unknown): boolean =>
  err instanceof Error && ["EPIPE", "ECONNRESET"].includes((err as NodeJS.ErrnoException).code ?? "") && /[\\/]mongodb[\\/]lib[\\/]cmap[\\/]/.test(err.stack ?? "");

/** The driver lost the database (killed, restarting, unreachable): the same answer as while the watchdog holds it down. */
const isDatabaseUnreachable = (err: unknown): boolean =>
  err instanceof MongoNetworkError ||
  err instanceof MongoServerSelectionError ||
  err instanceof MongoTopologyClosedError ||
  err instanceof MongoNotConnectedError ||
  err instanceof mongoose.Error.MongooseServerSelectionError ||
  isDriverSocketError(err);

// Driver messages name hosts and ports ("connect ECONNREFUSED 127.0.0.1:41235"); those go to the log only.
const withoutAddresses = (message: string) => message.replace(/\b(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-f:]+\])(?::\d+)?/gi, "[address]");

/**
 * The one mapping from a thrown error to `{ error: { code, message, details? } }`.
 * Used by the HTTP error middleware and by socket acks alike.
 */
export function toErrorBody(err: unknown, { exposeInternal }: { exposeInternal: boolean }): MappedError {
  if (err instanceof AppError) {
    const error = { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) };
    return { status: errorHttpStatus[err.code], body: { error } };
  }
  if (err instanceof ZodError) {
    const issues = toFieldIssues(err);
    const first = issues[0];
    return {
      status: 400,
      body: {
        error: {
          code: "VALIDATION_FAILED",
          message: first ? `${first.path}: ${first.message}` : "Invalid request.",
          details: { issues },
        },
      },
    };
  }
  if (isDuplicateKey(err)) {
    return { status: 409, body: { error: { code: "CONFLICT", message: "That already exists." } } };
  }
  const httpError = err as { type?: string; status?: number; message?: string };
  if (httpError?.type === "entity.parse.failed") {
    return { status: 400, body: { error: { code: "VALIDATION_FAILED", message: "Malformed JSON body.", details: { issues: [{ path: "(root)", message: "Malformed JSON" }] } } } };
  }
  if (httpError?.type === "entity.too.large" || httpError?.status === 413) {
    return { status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is too large." } } };
  }
  if (isDatabaseUnreachable(err)) return toErrorBody(databaseUnavailable(), { exposeInternal });
  const message = exposeInternal && err instanceof Error ? withoutAddresses(err.message) : "Something went wrong on our side.";
  return { status: 500, body: { error: { code: "INTERNAL", message } } };
}
