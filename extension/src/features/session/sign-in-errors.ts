import type * as z from "zod"

/** What to say for a field left empty or mistyped, instead of the schema's wording. */
const FIELD_PROBLEM: Record<string, string> = {
  serverUrl: "Enter the server address, starting with https:// or http:// (for example https://switchboard.example.com).",
  email: "Enter the e-mail address you registered with.",
  password: "Enter your password.",
}

export function signInProblems(error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? "")))]
  return fields.map((field) => FIELD_PROBLEM[field] ?? "Check the form.").join(" ")
}
