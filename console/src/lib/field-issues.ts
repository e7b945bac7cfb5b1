import { ApiError } from "./api";

/** Field path → first message, e.g. { "admin.email": "Must be a valid e-mail address" }. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!(error instanceof ApiError)) return out;
  for (const issue of error.fieldIssues) out[issue.path] ??= issue.message;
  return out;
}

/** Same shape from a local zod safeParse, so forms can check before sending. */
export function fieldErrorsOfIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) out[issue.path.map(String).join(".") || "(root)"] ??= issue.message;
  return out;
}
