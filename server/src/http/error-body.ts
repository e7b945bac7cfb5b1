import { ZodError } from "zod";
import { errorHttpStatus, toFieldIssues, type ErrorBody } from "@switchboard/shared";
import { isDuplicateKey } from "../db/duplicate-key.js";
import { AppError } from "./app-error.js";

interface MappedError {
  status: number;
  body: ErrorBody;
}

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
  const message = exposeInternal && err instanceof Error ? err.message : "Something went wrong on our side.";
  return { status: 500, body: { error: { code: "INTERNAL", message } } };
}
